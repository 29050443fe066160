using Alerts.Core.Desk;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Api;

internal static class ApiExtensions
{
    /// <summary>Who is calling (an API key or a console session) and the policies every feature's endpoints name.</summary>
    public static IServiceCollection AddAlertsApi(this IServiceCollection services)
    {
        services.AddOptions<ApiKeysOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(ApiKeysOptions.SectionName).Bind(options.Keys))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeysOptions>, ApiKeysOptionsValidator>();
        services.AddSingleton<ApiKeyRegistry>();
        services.AddAuthentication(CallerScheme.Name)
            .AddPolicyScheme(CallerScheme.Name, null, CallerScheme.Configure)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, EditionAuthorizationHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Editor, policy => policy.RequireRole(KeyGrant.EditorName, KeyGrant.ChiefName, KeyGrant.AdminName))
            .AddPolicy(Policies.Approver, policy => policy.RequireRole(KeyGrant.ChiefName, KeyGrant.AdminName))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(KeyGrant.AdminName))
            .AddPolicy(Policies.Edition, policy => policy.AddRequirements(new EditionRequirement()));
        return services;
    }
}
