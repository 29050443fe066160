using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.EventLog;

public sealed class EmbeddedRestartTests
{
    [Fact]
    public async Task TheEmbeddedLogAndLatestSeqSurviveARestartAndSeqContinues()
    {
        var dataDir = Directory.CreateTempSubdirectory("alerts-restart-").FullName;
        try
        {
            string firstId;
            await using (var before = await AlertsNode.StartAsync(null, "alerts", dataDir))
            {
                firstId = (await before.Editor.PublishAsync("ar", "خبر عاجل قبل إعادة التشغيل")).Alert.Id;
                await before.Editor.PublishAsync("ar", "خبر ثان");
                await before.Editor.PatchJsonAsync($"/api/v1/alerts/{firstId}", new { headline = "خبر مصحح" });
            }

            await using var after = await AlertsNode.StartAsync(null, "alerts", dataDir);
            var editions = await after.Public.GetJsonAsync("/api/v1/editions");
            var next = await after.Editor.PublishAsync("ar", "خبر بعد إعادة التشغيل");

            var ar = editions.GetProperty("editions").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "ar");
            Assert.Equal(3, ar.GetProperty("latestSeq").GetInt64());
            Assert.Equal(4, next.Seq);
            Assert.Equal([1L, 2L, 3L, 4L], await after.Public.LogSeqsAsync("ar"));
            var first = await after.Public.GetJsonAsync($"/api/v1/alerts/{firstId}");
            Assert.Equal("خبر مصحح", first.GetProperty("headline").GetString());
            Assert.Equal(2, first.GetProperty("version").GetInt32());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
