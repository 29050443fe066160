using Alerts.Server.Identity;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Identity;

/// <summary>
/// A real OpenID Provider and four nodes signing people in through it: two sharing one Redis (a session made on
/// one is read by the other; approval by a second person for every push), one whose sessions last two seconds, and one whose answers from the provider are tampered with.
/// </summary>
public sealed class SignInFixture : IAsyncLifetime
{
    public static readonly TimeSpan ShortSession = TimeSpan.FromSeconds(2);

    private readonly RedisFixture _redis = new();

    public IdentityProviderProcess Provider { get; private set; } = null!;

    public AlertsNode First { get; private set; } = null!;

    public AlertsNode Second { get; private set; } = null!;

    public AlertsNode ShortLived { get; private set; } = null!;

    /// <summary>A node whose conversation with the provider passes through <see cref="Tamper"/>.</summary>
    public AlertsNode Tampered { get; private set; } = null!;

    public TamperingBackchannel Tamper { get; } = new();

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        var port = LoopbackPorts.Next();
        var prefix = RedisFixture.NewPrefix();
        var twoPerson = Settings(port);
        twoPerson["Alerts:Approval:Mode"] = "two-person";
        First = await AlertsNode.StartAsync(_redis.ConnectionString, prefix, settings: twoPerson);
        Second = await AlertsNode.StartAsync(_redis.ConnectionString, prefix, settings: twoPerson);
        var shortLived = Settings(port);
        shortLived["Alerts:Identity:SessionLifetime"] = ShortSession.ToString();
        ShortLived = await AlertsNode.StartAsync(_redis.ConnectionString, RedisFixture.NewPrefix(), settings: shortLived);
        Tampered = await AlertsNode.StartAsync(_redis.ConnectionString, RedisFixture.NewPrefix(), settings: Settings(port), services: services =>
            services.Configure<OpenIdConnectOptions>(IdentitySchemes.OpenIdConnect, options => options.BackchannelHttpHandler = Tamper));
        Provider = await IdentityProviderProcess.StartAsync(port, First.BaseAddress, Second.BaseAddress, ShortLived.BaseAddress, Tampered.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await Provider.DisposeAsync();
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await ShortLived.DisposeAsync();
        await Tampered.DisposeAsync();
        Tamper.Dispose();
        await _redis.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(int providerPort) => DeskKeyring.Settings(new Dictionary<string, string?>
    {
        ["Alerts:Identity:Authority"] = $"http://127.0.0.1:{providerPort}",
        ["Alerts:Identity:ClientId"] = IdentityProviderProcess.ClientId,
        ["Alerts:Identity:ClientSecret"] = IdentityProviderProcess.ClientSecret,
        ["Alerts:Identity:RequireHttpsMetadata"] = "false",
        ["Alerts:Identity:Scopes:0"] = "openid",
        ["Alerts:Identity:Scopes:1"] = "profile",
        ["Alerts:Identity:Scopes:2"] = "email",
        ["Alerts:Identity:Scopes:3"] = "groups",
        ["Alerts:Identity:Roles:0:Claim"] = "groups",
        ["Alerts:Identity:Roles:0:Value"] = "alerts-chief-ar",
        ["Alerts:Identity:Roles:0:Role"] = "chief",
        ["Alerts:Identity:Roles:0:Editions:0"] = "ar",
        ["Alerts:Identity:Roles:1:Claim"] = "groups",
        ["Alerts:Identity:Roles:1:Value"] = "alerts-editors",
        ["Alerts:Identity:Roles:1:Role"] = "editor",
        ["Alerts:Identity:Roles:2:Claim"] = "groups",
        ["Alerts:Identity:Roles:2:Value"] = "alerts-admins",
        ["Alerts:Identity:Roles:2:Role"] = "admin",
    });
}
