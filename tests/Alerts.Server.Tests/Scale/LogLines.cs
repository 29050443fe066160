using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Scale;

/// <summary>What a ticker must end with: the log's events as (seq, alert id), oldest first.</summary>
public static class LogLines
{
    public static async Task<IReadOnlyList<(long Seq, string AlertId)>> ReadAsync(HttpClient client, string edition)
    {
        var lines = new List<(long, string)>();
        for (var after = 0L; ;)
        {
            var page = await client.GetJsonAsync($"/api/v1/editions/{edition}/events?after={after}&limit=1000");
            var events = page.GetProperty("events").EnumerateArray()
                .Select(e => (e.GetProperty("seq").GetInt64(), e.GetProperty("alert").GetProperty("id").GetString()!)).ToList();
            if (events.Count == 0)
            {
                return lines;
            }

            lines.AddRange(events);
            after = events[^1].Item1;
        }
    }

    /// <summary>What the ticker was shown, in arrival order, each event once.</summary>
    public static IReadOnlyList<(long Seq, string AlertId)> Shown(TickerClient ticker, string edition) =>
        ticker.Received.Where(e => e.Edition == edition).Select(e => (e.Seq, e.Alert.Id)).Distinct().ToList();

    /// <summary>Waits until every ticker shows exactly the log, in order, and fails with the difference otherwise.</summary>
    public static async Task AssertTickersShowTheLogAsync(IReadOnlyList<(long Seq, string AlertId)> log, IEnumerable<TickerClient> tickers, string edition)
    {
        foreach (var ticker in tickers)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!Shown(ticker, edition).SequenceEqual(log) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            var shown = Shown(ticker, edition);
            Assert.True(shown.SequenceEqual(log),
                $"A ticker shows {shown.Count} lines, the log has {log.Count}; first difference at " +
                $"{shown.Zip(log).TakeWhile(p => p.First == p.Second).Count()}: shown seqs [{string.Join(",", shown.Select(l => l.Seq))}]");
        }
    }

    /// <summary>
    /// Waits until every follower holds exactly the log's newest lines, in the ticker's order, as far
    /// back as it holds lines (at least a bar's fifty), and no line the log does not have; fails with
    /// the difference otherwise. <paramref name="verifier"/> must read the log's current primary.
    /// </summary>
    public static async Task AssertFollowersShowTheLogAsync(HttpClient verifier, IReadOnlyList<TickerFollower> followers, string edition)
    {
        var logged = (await ReadAsync(verifier, edition)).Select(l => l.AlertId).ToHashSet(StringComparer.Ordinal);
        var ticker = await verifier.GetJsonAsync($"/api/v1/editions/{edition}/ticker?limit={TickerFollower.ReadLimit}");
        var expected = ticker.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
        for (var i = 0; i < followers.Count; i++)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            string? difference;
            while ((difference = Difference(followers[i].Lines().Select(a => a.Id).ToList(), expected, logged)) is not null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.True(difference is null, $"Ticker {i} (started over {followers[i].StartOvers} times, {followers[i].StartOverFailure?.Message ?? "no failure"}): {difference}");
        }
    }

    private static string? Difference(List<string> shown, List<string> expected, HashSet<string> logged)
    {
        var lost = shown.Where(id => !logged.Contains(id)).ToList();
        if (lost.Count > 0)
        {
            return $"{lost.Count} lines the log does not have: {string.Join(",", lost.Take(5))}";
        }

        var compared = Math.Min(shown.Count, expected.Count);
        if (compared < Math.Min(50, expected.Count))
        {
            return $"{shown.Count} lines, the log's ticker has {expected.Count}";
        }

        var same = shown.Zip(expected).TakeWhile(p => p.First == p.Second).Count();
        return same < compared ? $"the newest {same} of {compared} lines match the log's ticker; then {shown[same]} where the log has {expected[same]}" : null;
    }
}
