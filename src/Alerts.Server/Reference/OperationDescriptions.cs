using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Alerts.Server.Reference;

/// <summary>
/// Makes the generated document one that client generators accept and people can read: a GET's HEAD
/// twin folded into it (both shared one operation id, which made the document invalid), tags by what
/// a user does instead of C# class names, a summary for each operation, and examples for the main ones.
/// </summary>
internal sealed class OperationDescriptions : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Tags = new HashSet<OpenApiTag>(ApiTag.All.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
        foreach (var item in (document.Paths ?? []).Values.OfType<OpenApiPathItem>())
        {
            FoldHeadIntoGet(item);
            foreach (var operation in (item.Operations ?? []).Values)
            {
                Describe(operation, document);
            }
        }

        return Task.CompletedTask;
    }

    private static void FoldHeadIntoGet(OpenApiPathItem item)
    {
        if (item.Operations is { } operations && operations.Remove(HttpMethod.Head) && operations.TryGetValue(HttpMethod.Get, out var get))
        {
            get.Description = string.Join("\n\n", new[] { get.Description, "Also answers `HEAD`: the same status and headers, no body." }.Where(text => !string.IsNullOrEmpty(text)));
        }
    }

    private static void Describe(OpenApiOperation operation, OpenApiDocument document)
    {
        if (operation.OperationId is not { } id)
        {
            return;
        }

        if (OperationCatalog.Operations.TryGetValue(id, out var entry))
        {
            operation.Tags = new HashSet<OpenApiTagReference> { new(entry.Tag.Name, document) };
            operation.Summary = entry.Summary;
        }

        if (OperationExamples.Requests.TryGetValue(id, out var request)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var requestBody) == true)
        {
            requestBody.Example = request.DeepClone();
        }

        if (OperationExamples.Responses.TryGetValue(id, out var response)
            && operation.Responses?.TryGetValue(response.Status, out var answer) == true
            && answer.Content?.TryGetValue("application/json", out var responseBody) == true)
        {
            responseBody.Example = response.Body.DeepClone();
        }
    }
}
