namespace Alerts.Server.Syndication;

internal static class SyndicationExtensions
{
    public static IServiceCollection AddAlertsSyndication(this IServiceCollection services) =>
        services.AddSingleton<FeedLines>();

    /// <summary>Feeds for readers that are not a browser ticker or a phone.</summary>
    public static IEndpointRouteBuilder MapAlertsSyndication(this IEndpointRouteBuilder routes) =>
        routes.MapFeedEndpoints();
}
