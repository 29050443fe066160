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
}
