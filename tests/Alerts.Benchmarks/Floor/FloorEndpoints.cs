using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Floor;

/// <summary>
/// The floor's three routes: the hub (a WebSocket answering the SignalR JSON handshake and any
/// invocation with an empty completion, so the load generator's clients subscribe as they do with
/// Alerts), the post (encode one alert frame, hand it to the fan-out) and readiness.
/// </summary>
internal static class FloorEndpoints
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] HandshakeAnswer = "{}\u001e"u8.ToArray();
    private static long _seq;

    public static void MapFloorEndpoints(this IEndpointRouteBuilder app)
    {
        app.Map("/hubs/alerts", ServeHubAsync);
        app.MapPost("/api/v1/alerts", PublishAsync);
        app.MapGet("/readyz", () => TypedResults.Ok());
        app.MapGet("/healthz", () => TypedResults.Ok());
    }

    private static async Task PublishAsync(HttpContext context, IFrameFanout fanout, CancellationToken cancellationToken)
    {
        var alert = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: cancellationToken);
        var seq = Interlocked.Increment(ref _seq);
        var edition = alert.GetProperty("edition").GetString();
        var now = DateTime.UtcNow;
        var frame = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(frame))
        {
            // Every field of Alerts' alert record, so both write frames of the same size (~515 bytes
            // with the load generator's headline): the floor differs in the work, not the bytes.
            json.WriteStartObject();
            json.WriteNumber("type", 1);
            json.WriteString("target", "alert");
            json.WriteStartArray("arguments");
            json.WriteStartObject();
            json.WriteNumber("seq", seq);
            json.WriteString("epoch", "floor000");
            json.WriteString("type", "published");
            json.WriteString("edition", edition);
            json.WriteString("at", now);
            json.WriteStartObject("alert");
            json.WriteString("id", seq.ToString("D26", CultureInfo.InvariantCulture));
            json.WriteString("edition", edition);
            json.WriteString("headline", alert.GetProperty("headline").GetString());
            json.WriteString("url", alert.TryGetProperty("url", out var url) ? url.GetString() : null);
            json.WriteString("urgency", "breaking");
            json.WriteStartArray("sections");
            json.WriteEndArray();
            json.WriteStartArray("regions");
            json.WriteEndArray();
            json.WriteBoolean("push", false);
            json.WriteString("status", "published");
            json.WriteString("author", "floor");
            json.WriteString("publishedAt", now);
            json.WriteString("updatedAt", now);
            json.WriteString("expiresAt", now.AddHours(6));
            json.WriteNumber("version", 1);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        frame.Write([RecordSeparator]);
        await fanout.PublishAsync(frame.WrittenSpan.ToArray(), cancellationToken);
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsync($"{{\"seq\":{seq}}}", cancellationToken);
    }

    private static async Task ServeHubAsync(HttpContext context, Broadcaster broadcaster)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = TimeSpan.Zero });
        var buffer = new byte[512];
        var filled = 0;
        var shookHands = false;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(filled), context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                filled += result.Count;
                int separator;
                while ((separator = buffer.AsSpan(0, filled).IndexOf(RecordSeparator)) >= 0)
                {
                    var answer = Answer(buffer.AsSpan(0, separator), ref shookHands);
                    buffer.AsSpan(separator + 1, filled - separator - 1).CopyTo(buffer);
                    filled -= separator + 1;
                    if (answer is not null)
                    {
                        // Nothing is broadcast to this socket before its first completion: it joins the set after.
                        await socket.SendAsync(answer, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
                        broadcaster.Add(socket);
                    }
                }

                if (filled == buffer.Length)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            broadcaster.Remove(socket);
        }
    }

    /// <summary>The handshake gets <c>{}</c>; an invocation with an id gets an empty completion; pings get nothing.</summary>
    private static byte[]? Answer(ReadOnlySpan<byte> record, ref bool shookHands)
    {
        if (!shookHands)
        {
            shookHands = true;
            return HandshakeAnswer;
        }

        var key = "\"invocationId\":\""u8;
        var at = record.IndexOf(key);
        if (at < 0)
        {
            return null;
        }

        var id = record[(at + key.Length)..];
        id = id[..id.IndexOf((byte)'"')];
        return Encoding.UTF8.GetBytes($"{{\"type\":3,\"invocationId\":\"{Encoding.UTF8.GetString(id)}\",\"result\":null}}\u001e");
    }
}
