using Alerts.Core.Duplicates;

namespace Alerts.Core.Tests.Duplicates;

public sealed class HeadlineSimilarityTests
{
    [Theory]
    [InlineData("Explosion at Texas oil refinery", "EXPLOSION at texas   oil refinery!!")]
    [InlineData("Explosión en una refinería de petróleo", "Explosion en una refineria de petroleo")]
    [InlineData("Peña Nieto llega a Bogotá", "PENA NIETO LLEGA A BOGOTA")]
    [InlineData("مجلس الأمن يعقد جلسة طارئة", "مجلسُ الأمنِ يعقدُ جلسةً طارئةً")]
    [InlineData("انفجار في مصفاة نفط", "انفجـــار في مصفـاة نفط")]
    [InlineData("أمريكا وإيران تتفقان على هدنة", "امريكا وايران تتفقان علي هدنه")]
    [InlineData("آلاف النازحين يعودون إلى رفح", "الاف النازحين يعودون الى رفح")]
    [InlineData("مقتل 12 شخصا في غارة", "مقتل ١٢ شخصا في غارة")]
    [InlineData("مقتل 12 شخصا في غارة", "مقتل ۱۲ شخصا في غارة")]
    [InlineData("Wildfire forces 3,000 to flee", "Wildfire forces 3000 to flee")]
    [InlineData("Incendio obliga a evacuar a 3.000 vecinos", "Incendio obliga a evacuar a 3000 vecinos")]
    [InlineData("Four soldiers killed in Mali", "4 soldiers killed in Mali")]
    [InlineData("مقتل أربعة جنود في مالي", "مقتل 4 جنود في مالي")]
    public void FoldedSpellingsAreTheSameLine(string first, string second)
    {
        Assert.Equal(1.0, Similarity(first, second), 3);
    }

    [Theory]
    [InlineData("4 soldiers killed in attack on army checkpoint in Mali", "5 soldiers killed in attack on army checkpoint in Mali")]
    [InlineData("Earthquake of magnitude 7.1 hits Taiwan", "Earthquake of magnitude 71 hits Taiwan")]
    [InlineData("مقتل ٤ جنود في هجوم على نقطة تفتيش", "مقتل 5 جنود في هجوم على نقطة تفتيش")]
    [InlineData("Cuatro soldados muertos en Malí", "Cinco soldados muertos en Malí")]
    [InlineData("Explosion in Beirut port", "Explosion in Beirut port kills 5")]
    public void ADifferentNumberIsADifferentLine(string first, string second)
    {
        var similarity = Similarity(first, second);

        Assert.True(similarity <= HeadlineSimilarity.NumberMismatchFactor, $"{similarity}");
        Assert.True(similarity < HeadlineSimilarity.DefaultThreshold);
    }

    [Theory]
    [InlineData("Gaza Ministry of Health: 12 killed in Israeli strike on Rafah", "Gaza Health Ministry: 12 killed in Israeli strike on Rafah")]
    [InlineData("Gaza Ministry of Health: 12 killed in Israeli strike on Rafah", "12 killed in Israeli strike on Rafah, Gaza health ministry says")]
    [InlineData("Según el Ministerio de Salud, 12 muertos en un bombardeo en Rafah", "12 muertos en un bombardeo en Rafah, dice Sanidad")]
    [InlineData("وزارة الصحة في غزة: استشهاد 12 في غارة على رفح", "استشهاد 12 في غارة على رفح بحسب وزارة الصحة")]
    public void ANamedSourceDoesNotHideADuplicate(string first, string second)
    {
        Assert.Equal(1.0, Similarity(first, second), 3);
    }

    [Theory]
    [InlineData("US Senate passes $95 billion foreign aid package", "US House passes $95 billion foreign aid package")]
    [InlineData("Two killed in shooting at school in Wisconsin", "Two killed in shooting at school in Georgia")]
    [InlineData("مجلس الأمن يعقد جلسة طارئة بشأن السودان", "مجلس الأمن يعقد جلسة طارئة بشأن هايتي")]
    public void AChangedWordIsADifferentLine(string first, string second)
    {
        Assert.True(Similarity(first, second) < HeadlineSimilarity.DefaultThreshold);
    }

    [Theory]
    [InlineData("Israeli strike on Rafah kills 12", "Israeli air strike on Rafah kills 12")]
    [InlineData("Kenya's president withdraws finance bill", "Kenyan president withdraws finance bill")]
    [InlineData("وقف إطلاق النار يدخل حيز التنفيذ", "دخول وقف إطلاق النار حيز التنفيذ")]
    [InlineData("بنك إنجلترا يرفع أسعار الفائدة", "بنك انجلترا يرفع سعر الفائدة")]
    public void AnAddedOrInflectedWordStaysADuplicate(string first, string second)
    {
        Assert.True(Similarity(first, second) >= HeadlineSimilarity.DefaultThreshold, $"{Similarity(first, second)}");
    }

    [Fact]
    public void SimilarityIsSymmetricAndBounded()
    {
        var first = HeadlineFingerprint.Of("Reuters: Russian drone attack on Kyiv kills 3");
        var second = HeadlineFingerprint.Of("Russian drone attack on Kyiv kills three, officials say");

        var forward = HeadlineSimilarity.Compare(first, second);

        Assert.Equal(forward, HeadlineSimilarity.Compare(second, first), 9);
        Assert.InRange(forward, 0, 1);
        Assert.Equal(0, Similarity("!!!", "Explosion at Texas oil refinery"));
    }

    [Fact]
    public void NearDuplicatesAreFoundMostSimilarFirstAndOthersSkipped()
    {
        var window = new[]
        {
            new DuplicateCandidate("unrelated", HeadlineFingerprint.Of("Pope Francis admitted to hospital in Rome")),
            new DuplicateCandidate("close", HeadlineFingerprint.Of("Strong magnitude 6.8 earthquake strikes off the coast of northern Japan, agency says")),
            new DuplicateCandidate("same", HeadlineFingerprint.Of("Magnitude 6.8 earthquake strikes off the coast of Japan")),
            new DuplicateCandidate("other-number", HeadlineFingerprint.Of("Magnitude 7.2 earthquake strikes off the coast of Japan")),
        };

        var matches = NearDuplicates.Find(HeadlineFingerprint.Of("BREAKING: magnitude 6.8 earthquake strikes off Japan's coast"), window, 0.5);

        Assert.Equal(["same", "close"], matches.Select(m => m.Id));
        Assert.True(matches[0].Similarity > matches[1].Similarity);
    }

    private static double Similarity(string first, string second) =>
        HeadlineSimilarity.Compare(HeadlineFingerprint.Of(first), HeadlineFingerprint.Of(second));
}
