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
            Description = "Breaking-news alerts: publish, correct and retract as an editor; read editions, events and tickers in public.\n\n"
                + "Every error is an RFC 9457 problem (`application/problem+json`, the `ProblemDetails` schema): `type`, `title`, `status`, "
                + "`detail`; a `400` adds `errors`, an object naming each bad field with its messages (`HttpValidationProblemDetails`). "
                + "The full reference, with the live hub, is docs/api.md in the repository.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[EditorKeyRequirement.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "API key",
            Description = "An API key (role editor, chief or admin) in the `Authorization` header: `Bearer` followed by a space and the key. "
                + "A server knows a key by its SHA-256 (`Alerts:ApiKeys:{name}:Sha256`).",
        };
        return Task.CompletedTask;
    }
}
