using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Identity;

internal static class IdentityExtensions
{
    private const string ApplicationName = "alerts";

    /// <summary>Managed API keys, and people signing in to the console through the newsroom's OpenID Connect provider.</summary>
    public static IServiceCollection AddAlertsIdentity(this IServiceCollection services)
    {
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        // The audit trail names the request's person or key (RedisAuditTrail).
        services.AddHttpContextAccessor();
        services.AddSingleton<IdentityKeys>();
        services.AddSingleton<RedisManagedKeys>();
        services.AddSingleton<RedisPeople>();
        services.AddSingleton<RoleMap>();
        services.AddSingleton<SignInEvents>();
        services.AddSingleton<SessionEvents>();

        // Every node reads every node's cookies and antiforgery tokens: the key ring lives in Redis.
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer, IdentityKeys>((options, redis, keys) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), keys.DataProtection));
        services.AddAntiforgery(options =>
        {
            options.HeaderName = IdentitySchemes.AntiforgeryHeader;
            options.Cookie.Name = "alerts.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthentication()
            .AddCookie(IdentitySchemes.Cookie)
            .AddOpenIdConnect(IdentitySchemes.OpenIdConnect, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(IdentitySchemes.Cookie).Configure<IOptions<IdentityOptions>>(ConfigureCookie);
        services.AddOptions<OpenIdConnectOptions>(IdentitySchemes.OpenIdConnect).Configure<IOptions<IdentityOptions>>(ConfigureOpenIdConnect);
        return services;
    }

    /// <summary>The antiforgery check of console sessions; without an authority, the provider's scheme is taken out so its handler never runs.</summary>
    public static WebApplication UseAlertsIdentity(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Enabled)
        {
            app.Services.GetRequiredService<IAuthenticationSchemeProvider>().RemoveScheme(IdentitySchemes.OpenIdConnect);
        }

        app.UseMiddleware<SessionAntiforgery>();
        return app;
    }

    public static IEndpointRouteBuilder MapAlertsIdentity(this IEndpointRouteBuilder routes) =>
        routes.MapMeEndpoints().MapKeyEndpoints().MapSessionEndpoints();

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, IOptions<IdentityOptions> identity)
    {
        cookie.Cookie.Name = IdentitySchemes.CookieName;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.SlidingExpiration = true;
        cookie.ExpireTimeSpan = identity.Value.IdleTimeout;
        cookie.EventsType = typeof(SessionEvents);
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions oidc, IOptions<IdentityOptions> options)
    {
        var identity = options.Value;
        if (!identity.Enabled)
        {
            return;
        }

        oidc.Authority = identity.Authority!.ToString();
        oidc.ClientId = identity.ClientId;
        oidc.ClientSecret = identity.ClientSecret.Length == 0 ? null : identity.ClientSecret;
        oidc.RequireHttpsMetadata = identity.RequireHttpsMetadata;
        oidc.CallbackPath = identity.CallbackPath;
        oidc.SignedOutCallbackPath = identity.SignedOutCallbackPath;
        oidc.SignInScheme = IdentitySchemes.Cookie;
        oidc.SignOutScheme = IdentitySchemes.Cookie;
        oidc.ResponseType = "code";
        oidc.UsePkce = true;
        // The code comes back on a top-level GET, which carries SameSite=Lax cookies: the correlation and nonce
        // cookies need not be SameSite=None, so they work on plain-http loopback too.
        oidc.ResponseMode = "query";
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // The ID token is kept for the id_token_hint of the provider's sign-out.
        oidc.SaveTokens = true;
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.MapInboundClaims = false;
        oidc.Scope.Clear();
        foreach (var scope in identity.EffectiveScopes)
        {
            oidc.Scope.Add(scope);
        }

        foreach (var claim in identity.Roles.Select(r => r.Claim).Append(identity.NameClaim).Distinct(StringComparer.Ordinal))
        {
            oidc.ClaimActions.MapJsonKey(claim, claim);
        }

        oidc.EventsType = typeof(SignInEvents);
    }
}
