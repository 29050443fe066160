using Alerts.Core.Alerts;

namespace Alerts.Core.Tests.Alerts;

public sealed class EventPageTests
{
    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(1, 0, false)]
    [InlineData(1, 5, false)]
    [InlineData(91, 89, true)]
    [InlineData(91, 90, false)]
    [InlineData(91, 88, true)]
    [InlineData(91, 0, true)]
    public void AGapMeansEventsAfterTheSeqWereDroppedByRetention(long oldestSeq, long afterSeq, bool gap)
    {
        var page = new EventPage([], LatestSeq: 100, OldestSeq: oldestSeq);

        Assert.Equal(gap, page.IsGapAfter(afterSeq));
    }
}
