namespace Alerts.Server.Web;

internal static class WebExtensions
{
    public static IServiceCollection AddAlertsWeb(this IServiceCollection services) =>
        services
            .AddSingleton<ClientAssets>()
            .AddCors(cors => cors.AddPolicy(CorsPolicies.Public, policy => policy
                .AllowAnyOrigin()
                .AllowAnyHeader()
                .WithMethods("GET", "POST")));

    /// <summary>The public reads and the web client.</summary>
    public static IEndpointRouteBuilder MapAlertsWeb(this IEndpointRouteBuilder routes) =>
        routes.MapReadEndpoints().MapPageEndpoints();
}
