using System.Net.Http.Headers;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Desk;

/// <summary>
/// The desk's test keys: an editor and two chiefs limited to <c>en</c>, an editor and a chief limited to <c>ar</c>,
/// and an admin; besides them every node knows <see cref="TestKeys.EditorName"/> (editor, all editions).
/// </summary>
public static class DeskKeyring
{
    public const string EnEditor = "en-editor";
    public const string EnChief = "en-chief";
    public const string EnChief2 = "en-chief-2";
    public const string ArEditor = "ar-editor";
    public const string ArChief = "ar-chief";
    public const string Boss = "boss";

    private static readonly (string Name, string Role, string? Edition)[] Keys =
    [
        (EnEditor, "editor", "en"), (EnChief, "chief", "en"), (EnChief2, "chief", "en"),
        (ArEditor, "editor", "ar"), (ArChief, "chief", "ar"), (Boss, "admin", null),
    ];

    public static string SecretOf(string name) => $"{name}-secret-0123456789";

    /// <summary>The configuration for the keys, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (name, role, edition) in Keys)
        {
            settings[$"Alerts:ApiKeys:{name}:Sha256"] = TestKeys.Sha256Of(SecretOf(name));
            settings[$"Alerts:ApiKeys:{name}:Role"] = role;
            if (edition is not null)
            {
                settings[$"Alerts:ApiKeys:{name}:Editions:0"] = edition;
            }
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>An HTTP client of <paramref name="node"/> that presents the key named <paramref name="name"/>.</summary>
    public static HttpClient ClientAs(this AlertsNode node, string name)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", name == TestKeys.EditorName ? TestKeys.Editor : SecretOf(name));
        return client;
    }
}
