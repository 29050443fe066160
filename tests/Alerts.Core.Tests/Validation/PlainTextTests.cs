using Alerts.Core.Validation;

namespace Alerts.Core.Tests.Validation;

public sealed class PlainTextTests
{
    [Fact]
    public void TextIsTrimmedAndNormalisedToNfc()
    {
        var errors = new ValidationErrors();

        var text = PlainText.Normalize("  Cafe\u0301 opens  ", "headline", 280, errors);

        Assert.Equal("Caf\u00e9 opens", text);
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void LengthCountsCodePointsNotUtf16Units()
    {
        var errors = new ValidationErrors();
        var emoji = string.Concat(Enumerable.Repeat("\U0001F4F0", 280));

        Assert.Equal(emoji, PlainText.Normalize(emoji, "headline", 280, errors));
        Assert.Null(PlainText.Normalize(emoji + "x", "headline", 280, errors));
        Assert.Contains("at most 280 characters (it has 281)", errors.ToDictionary()["headline"][0]);
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("del\u007fhere")]
    [InlineData("c1\u0085here")]
    [InlineData("line\u2028separator")]
    [InlineData("override\u202Ehere")]
    [InlineData("isolate\u2066here")]
    public void ControlBidiAndBrokenCharactersAreRefused(string raw)
    {
        var errors = new ValidationErrors();

        Assert.Null(PlainText.Normalize(raw, "headline", 280, errors));
        Assert.True(errors.Has("headline"));
    }

    [Fact]
    public void ALoneSurrogateIsRefused()
    {
        var errors = new ValidationErrors();
        var raw = "lone" + (char)0xD800 + "surrogate";

        Assert.Null(PlainText.Normalize(raw, "headline", 280, errors));
        Assert.Contains("lone surrogate", errors.ToDictionary()["headline"][0]);
    }

    [Theory]
    [InlineData("\u0639\u0627\u062c\u0644: \u200f\u0632\u0644\u0632\u0627\u0644")]
    [InlineData("Zero\u200bwidth space and \u00e9")]
    public void MarksArabicAndOrdinaryFormatCharactersStay(string raw)
    {
        var errors = new ValidationErrors();

        Assert.Equal(raw, PlainText.Normalize(raw, "headline", 280, errors));
    }

    [Theory]
    [InlineData("\u200b\u200b")]
    [InlineData("\u200e")]
    [InlineData("\u3164")]
    [InlineData("\ufeff")]
    [InlineData("\u115f\u1160")]
    [InlineData("\uffa0\u200d\uffa0")]
    [InlineData("\u2800\u3000\u2800")]
    [InlineData("\u200c\u200d\u2060")]
    [InlineData("\u0301")]
    public void TextThatShowsNothingIsRefusedAndTheMessageNamesTheField(string raw)
    {
        var errors = new ValidationErrors();

        Assert.Null(PlainText.Normalize(raw, "headline", 280, errors));
        Assert.Contains("visible character", Assert.Single(errors.ToDictionary()["headline"]));
    }

    [Theory]
    [InlineData("Breaking\U000E0020\U000E0069\U000E0067\U000E006E\U000E006F\U000E0072\U000E0065")]
    [InlineData("\U000E0001Tagged language")]
    [InlineData("England \U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F win")]
    public void TagCharactersAreRefusedAnywhere(string raw)
    {
        var errors = new ValidationErrors();

        Assert.Null(PlainText.Normalize(raw, "reason", 280, errors));
        Assert.Contains("tag characters", Assert.Single(errors.ToDictionary()["reason"]));
    }

    [Fact]
    public void AtMostFourCombiningMarksStackOnOneCharacter()
    {
        var errors = new ValidationErrors();

        Assert.Equal("x\u0301\u0302\u0303\u0304", PlainText.Normalize("x\u0301\u0302\u0303\u0304", "headline", 280, errors));
        Assert.True(errors.IsEmpty);
        Assert.Null(PlainText.Normalize("Zalgo x\u0301\u0302\u0303\u0304\u0305 text", "headline", 280, errors));
        Assert.Contains("more than 4 combining marks", Assert.Single(errors.ToDictionary()["headline"]));
    }

    /// <summary>Lines as newsrooms write them: none of the new rules may refuse them.</summary>
    [Theory]
    // Arabic with full vowelling (shadda + fatha stack two marks) and a right-to-left mark.
    [InlineData("\u0639\u0627\u062c\u0650\u0644: \u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f \u064a\u064f\u0639\u0652\u0644\u0650\u0646\u064f \u0648\u064e\u0642\u0652\u0641\u064e \u0625\u0650\u0637\u0652\u0644\u064e\u0627\u0642\u0650 \u0627\u0644\u0646\u0651\u064e\u0627\u0631\u0650 \u200f(\u0661\u0662 \u0634\u0647\u064a\u062f\u064b\u0627)")]
    // Arabic with Quranic marks: shadda, fatha, superscript alef and a small high meem (four on one letter).
    [InlineData("\u0627\u0644\u0644\u0651\u064e\u0670\u06e2\u0647 \u0623\u0643\u0628\u0631")]
    // ZWNJ between the parts of a word and ZWJ keeping a joining form.
    [InlineData("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0627\u0644\u0640\u200d\u0647 \u0627\u062a\u0641\u0627\u0642")]
    [InlineData("\u00daltima hora: el Gobierno aprueba la reforma de pensiones; \u00bfqu\u00e9 cambia para los mayores de 65 a\u00f1os?")]
    [InlineData("Ping\u00fcino rescatado en Ushuaia: \u00a1la ONG pide \u20ac2 millones!")]
    // ZWJ family, profession with a skin tone, rainbow flag (variation selector + ZWJ).
    [InlineData("Families reunited \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 \U0001F469\U0001F3FD\u200d\U0001F680 \U0001F3F3\ufe0f\u200d\U0001F308")]
    // Regional-indicator flags, a keycap and a skin-toned thumbs up.
    [InlineData("\U0001F1F5\U0001F1F8 \U0001F1EA\U0001F1F8 \U0001F1FA\U0001F1F8 final score 1\ufe0f\u20e3 \U0001F44D\U0001F3FD")]
    [InlineData("\U0001F6A8")]
    public void RealArabicSpanishAndEmojiLinesStay(string raw)
    {
        var errors = new ValidationErrors();

        // NFC puts stacked Arabic marks in canonical order (fatha before shadda); nothing else changes.
        Assert.Equal(raw.Normalize(System.Text.NormalizationForm.FormC), PlainText.Normalize(raw, "headline", 280, errors));
        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)));
    }
}
