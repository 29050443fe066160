using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Alerts.Server.Reference;

/// <summary>The document's title, summary and the editors' bearer-key scheme.</summary>
internal sealed class DocumentDescription : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Alerts API",
            Version = "v1",
            Description = "Breaking-news alerts: publish, correct and retract as an editor; read editions, events and tickers in public. "
                + "Errors are RFC 9457 problem+json. The full reference, with the live hub, is docs/api.md in the repository.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[EditorKeyRequirement.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An editor's API key: Authorization: Bearer <key>.",
        };
        return Task.CompletedTask;
    }
}
