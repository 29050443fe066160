namespace Alerts.Server.Identity;

internal static class IdentityExtensions
{
    /// <summary>Managed API keys and who is calling.</summary>
    public static IServiceCollection AddAlertsIdentity(this IServiceCollection services)
    {
        services.AddSingleton<IdentityKeys>();
        services.AddSingleton<RedisManagedKeys>();
        return services;
    }

    public static IEndpointRouteBuilder MapAlertsIdentity(this IEndpointRouteBuilder routes) =>
        routes.MapMeEndpoints().MapKeyEndpoints();
}
