using System.Text.Json;
using Microsoft.Playwright;

namespace Alerts.Server.Tests.Web;

/// <summary>
/// axe-core, the engine behind most accessibility audits, run in the page as it stands. The script comes from the
/// client's node_modules (a dev dependency npm ci installs with the build), so no browser extension or download is needed.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Path.Combine(Artifacts.RepositoryRoot, "src", "Alerts.Server", "Web", "ClientApp", "node_modules", "axe-core", "axe.min.js")));

    /// <summary>Fails with every rule axe finds broken on the page (WCAG 2.1 A and AA, and axe's best practices).</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string where)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            // Evaluated through the DevTools protocol: the console's CSP (script-src 'self') rightly refuses an inline script tag.
            await page.EvaluateAsync(Script.Value).WaitAsync(TimeSpan.FromSeconds(20));
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))")
            .WaitAsync(TimeSpan.FromSeconds(60));
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"axe-core on {where}:\n" + string.Join("\n", found));
    }
}
