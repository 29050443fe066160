using Alerts.Server.Hosting.PublicAddress;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Alerts.Server.Reference;

/// <summary>
/// The document's server is <c>Alerts:PublicBaseUrl</c>, or else relative (<c>/</c>: where the document
/// was read from). ASP.NET Core would name the request's <c>Host</c>, which any client chooses.
/// </summary>
internal sealed class PublicServers(IOptions<PublicAddressOptions> options) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var configured = options.Value.PublicBaseUrl?.GetLeftPart(UriPartial.Path).TrimEnd('/');
        document.Servers = [new OpenApiServer { Url = string.IsNullOrEmpty(configured) ? "/" : configured }];
        return Task.CompletedTask;
    }
}
