using Alerts.Server.Web;
using Scalar.AspNetCore;

namespace Alerts.Server.Reference;

/// <summary>The API's own description: the OpenAPI document, built from the endpoints' typed results, and a page that renders it.</summary>
internal static class ReferenceExtensions
{
    public const string DocumentPath = "/api/v1/openapi.json";
    public const string PagePath = "/api/docs";

    public static IServiceCollection AddAlertsReference(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentDescription>();
            options.AddDocumentTransformer<PublicServers>();
            options.AddOperationTransformer<EditorKeyRequirement>();
            options.AddDocumentTransformer<OperationDescriptions>();
        });

    public static IEndpointRouteBuilder MapAlertsReference(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath).RequireCors(CorsPolicies.Public);
        // Scalar serves its script from the package itself; only its fonts, telemetry and AI helpers
        // would reach the internet, and they are switched off so the page works on a closed network.
        routes.MapScalarApiReference(PagePath, options => options
            .AddDocument("v1", "Alerts API", DocumentPath, isDefault: true)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            // Scalar's developer toolbar (shown on localhost) advertises its hosted "Deploy" service.
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes(EditorKeyRequirement.SchemeName));
        return routes;
    }
}
