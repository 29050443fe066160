using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Api;

/// <summary>
/// Reads a JSON object body into memory (bounded by Kestrel's 64 KB limit) and keeps its raw bytes,
/// which the idempotency check hashes. Every failure becomes a problem response, never an exception.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private RequestBody(byte[] bytes, JsonDocument document)
    {
        Bytes = bytes;
        Document = document;
    }

    public byte[] Bytes { get; }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    public static async Task<(RequestBody? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.", "Send 'Content-Type: application/json'."));
        }

        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.Status(StatusCodes.Status413PayloadTooLarge, "The body is too large.", "A request body may be at most 64 KB."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            return (null, Problems.Validation("body", $"is not valid JSON{where}."));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, Problems.Validation("body", "must be a JSON object."));
        }

        return (new RequestBody(bytes, document), null);
    }

    public void Dispose() => Document.Dispose();
}
