using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Identity;

/// <summary>
/// The <c>Alerts:Identity</c> section: the newsroom's OpenID Connect provider the console signs people in with.
/// Without an <see cref="Authority"/> the console takes API keys only.
/// </summary>
internal sealed class IdentityOptions
{
    public const string SectionName = "Alerts:Identity";

    /// <summary>The provider's issuer URL, whose <c>/.well-known/openid-configuration</c> describes it.</summary>
    public Uri? Authority { get; set; }

    public string ClientId { get; set; } = "";

    /// <summary>Empty for a public client (PKCE alone protects the code).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The scopes asked for; empty means <see cref="DefaultScopes"/>. A provider that sends groups only for a scope of its own needs it listed.</summary>
    public List<string> Scopes { get; set; } = [];

    public static IReadOnlyList<string> DefaultScopes { get; } = ["openid", "profile", "email"];

    public IReadOnlyList<string> EffectiveScopes => Scopes.Count == 0 ? DefaultScopes : Scopes;

    /// <summary>Off only for a provider on plain http, such as the tests' loopback one.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    [RegularExpression("^/[A-Za-z0-9/_-]*$", ErrorMessage = "CallbackPath must be a path starting with '/'.")]
    public string CallbackPath { get; set; } = "/signin-oidc";

    [RegularExpression("^/[A-Za-z0-9/_-]*$", ErrorMessage = "SignedOutCallbackPath must be a path starting with '/'.")]
    public string SignedOutCallbackPath { get; set; } = "/signout-callback-oidc";

    /// <summary>The claim whose value the record shows as the person's name (falls back to email, then <c>sub</c>).</summary>
    [Required]
    public string NameClaim { get; set; } = "name";

    /// <summary>A session unused this long ends (the cookie slides with use).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A session ends this long after sign-in however much it is used, so a leaver removed at the provider is out by then.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(10);

    [ValidateEnumeratedItems]
    public List<RoleMappingOptions> Roles { get; set; } = [];

    public bool Enabled => Authority is not null;
}
