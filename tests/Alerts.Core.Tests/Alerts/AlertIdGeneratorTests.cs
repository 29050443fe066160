using Alerts.Core.Alerts;

namespace Alerts.Core.Tests.Alerts;

public sealed class AlertIdGeneratorTests
{
    [Fact]
    public void IdsIncreaseStrictlyWithinOneMillisecondAndWhenTheClockGoesBack()
    {
        var generator = new AlertIdGenerator();
        var now = new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

        var ids = Enumerable.Range(0, 1000).Select(_ => generator.Next(now)).ToList();
        ids.Add(generator.Next(now.AddSeconds(-5)));

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(26, id.Length));
    }

    [Fact]
    public void ALaterMillisecondStartsFromTheClockAgain()
    {
        var generator = new AlertIdGenerator();
        var now = new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

        var first = Ulid.Parse(generator.Next(now));
        var later = Ulid.Parse(generator.Next(now.AddMilliseconds(1)));

        Assert.Equal(now.AddMilliseconds(1), later.Time);
        Assert.True(later.CompareTo(first) > 0);
    }
}
