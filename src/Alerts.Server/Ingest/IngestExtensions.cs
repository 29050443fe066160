using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Ingest;

internal static class IngestExtensions
{
    public static IServiceCollection AddAlertsIngest(this IServiceCollection services)
    {
        services.AddOptions<ApiKeysOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(ApiKeysOptions.SectionName).Bind(options.Keys))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeysOptions>, ApiKeysOptionsValidator>();
        services.AddSingleton<ApiKeyRegistry>();
        services.AddSingleton<IdempotencyGate>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(IngestEndpoints.EditorPolicy, policy => policy.RequireRole("editor", "chief", "admin"));
        return services;
    }
}
