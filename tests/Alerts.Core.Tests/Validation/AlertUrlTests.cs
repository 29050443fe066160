using Alerts.Core.Validation;

namespace Alerts.Core.Tests.Validation;

public sealed class AlertUrlTests
{
    [Theory]
    [InlineData("https://news.example/a?b=1#c", "https://news.example/a?b=1#c")]
    [InlineData("http://news.example", "http://news.example/")]
    [InlineData("https://xn--mgbh0fb.example/\u062e\u0628\u0631", "https://xn--mgbh0fb.example/%D8%AE%D8%A8%D8%B1")]
    public void AbsoluteHttpUrlsAreKeptInCanonicalForm(string raw, string expected)
    {
        var errors = new ValidationErrors();

        Assert.Equal(expected, AlertUrl.Normalize(raw, "url", errors));
    }

    [Theory]
    [InlineData("javascript:alert(1)", "http or https")]
    [InlineData("ftp://files.example/x", "http or https")]
    [InlineData("/relative/path", "absolute")]
    [InlineData("https://user:secret@news.example/", "user information")]
    [InlineData("https://news.example/a b", "spaces")]
    public void OtherUrlsAreRefusedWithAReason(string raw, string reason)
    {
        var errors = new ValidationErrors();

        Assert.Null(AlertUrl.Normalize(raw, "url", errors));
        Assert.Contains(reason, errors.ToDictionary()["url"][0]);
    }

    [Fact]
    public void AUrlOfMoreThan2048CharactersIsRefused()
    {
        var errors = new ValidationErrors();
        var url = "https://news.example/" + new string('a', AlertUrl.MaxLength - 20);

        Assert.Null(AlertUrl.Normalize(url, "url", errors));
        Assert.NotNull(AlertUrl.Normalize(url[..^1], "url", new ValidationErrors()));
    }
}
