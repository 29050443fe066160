namespace Alerts.Server.Web;

internal static class WebExtensions
{
    public static IServiceCollection AddAlertsWeb(this IServiceCollection services) =>
        services.AddCors(cors => cors.AddPolicy(CorsPolicies.Public, policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods("GET", "POST")));
}
