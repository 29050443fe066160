using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Alerts.Server.Fanout;
using Microsoft.AspNetCore.SignalR;

namespace Alerts.Server.Hubs.Direct;

/// <summary>The client's side of a direct connection: the handshake, then Subscribe and Unsubscribe, one at a time as SignalR runs them.</summary>
internal sealed partial class DirectConnection
{
    private const string Subscribe = nameof(AlertsHub.Subscribe);
    private const string Unsubscribe = nameof(AlertsHub.Unsubscribe);
    private const string Resume = nameof(AlertsHub.Resume);

    /// <summary>Serves the connection until the client closes it or it is aborted.</summary>
    public async Task RunAsync()
    {
        var aborted = closed;
        hub.Connections.Add(this);
        try
        {
            string? error = null;
            try
            {
                // An idle connection waits in the zero-byte read (as SignalR's): it holds no receive
                // buffer, and being awaited here it keeps no frame of its own alive. It takes no
                // cancellation token: every layer under the read would register on it for the hours a
                // connection lasts, and every way a connection ends (the client leaves, Abort,
                // Kestrel's shutdown) ends the socket and with it this read.
                while ((await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None)).MessageType != WebSocketMessageType.Close
                    && await ReceiveAsync(aborted) is { } message
                    && await HandleAsync(message, aborted))
                {
                }
            }
            catch (InvalidDataException e)
            {
                error = $"Connection closed with an error. InvalidDataException: {e.Message}";
            }

            await CloseAsync(error, aborted);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or TimeoutException or ConnectionAbortedException)
        {
            // The client went away or the connection was aborted; nothing is left to say to it.
        }
        finally
        {
            MarkClosed();
            hub.Connections.Remove(this);
            hub.Subscriptions.UnsubscribeAll(this);
        }
    }

    /// <summary>One whole WebSocket message in a pooled buffer, or null once the client closes.</summary>
    private async Task<(byte[] Buffer, int Length)?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var limit = hub.MaximumReceiveMessageSize;
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == limit)
                {
                    throw new InvalidDataException($"A message exceeds the maximum of {limit} bytes.");
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(length, limit - length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }

                length += result.Count;
                if (result.EndOfMessage)
                {
                    Volatile.Write(ref _lastReceivedAt, Environment.TickCount64);
                    return (buffer, length);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Handles the records of one message and returns its buffer to the pool; false when the connection is to close.</summary>
    private async Task<bool> HandleAsync((byte[] Buffer, int Length) message, CancellationToken cancellationToken)
    {
        try
        {
            var records = message.Buffer.AsMemory(0, message.Length);
            while (!records.IsEmpty)
            {
                var end = records.Span.IndexOf(HubFrames.RecordSeparator);
                if (end < 0)
                {
                    throw new InvalidDataException("A record does not end with the record separator.");
                }

                var request = HubRequest.Parse(records.Span[..end]) ?? throw new InvalidDataException("A record is not a JSON object.");
                records = records[(end + 1)..];
                if (!Volatile.Read(ref _handshaken))
                {
                    if (request.Protocol != "json" || request.Version != 1)
                    {
                        Send(HubFrames.HandshakeRejected(
                            $"The protocol '{request.Protocol}' version {request.Version} is not served without negotiation; use 'json' version 1, or negotiate."));
                        return false;
                    }

                    Send(HubFrames.HandshakeAccepted);
                    Volatile.Write(ref _handshaken, true);
                    continue;
                }

                switch (request.Type)
                {
                    case HubRequest.Invocation:
                        await InvokeAsync(request, cancellationToken);
                        break;
                    case HubRequest.StreamInvocation when request.InvocationId is { } invocationId:
                        Send(HubFrames.Completion(invocationId, MethodDoesNotExist(request.Target)));
                        break;
                    case HubRequest.Close:
                        return false;
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message.Buffer);
        }
    }

    private async Task InvokeAsync(HubRequest request, CancellationToken cancellationToken)
    {
        var target = request.Target;
        var arguments = request.Arguments ?? [];
        string? error = null;
        try
        {
            if (string.Equals(target, Subscribe, StringComparison.OrdinalIgnoreCase))
            {
                error = ArityError(target, arguments, 2) ?? await SubscribeAsync(Subscribe, arguments[0], arguments[1], null, cancellationToken);
            }
            else if (string.Equals(target, Resume, StringComparison.OrdinalIgnoreCase))
            {
                error = ArityError(target, arguments, 3) ?? await SubscribeAsync(Resume, arguments[0], arguments[1], arguments[2], cancellationToken);
            }
            else if (string.Equals(target, Unsubscribe, StringComparison.OrdinalIgnoreCase))
            {
                error = ArityError(target, arguments, 1) ?? UnsubscribeFrom(arguments[0]);
            }
            else
            {
                error = MethodDoesNotExist(target);
            }
        }
        catch (Exception e) when (e is HubException or SubscriptionRefusedException)
        {
            error = $"An unexpected error occurred invoking '{target}' on the server. HubException: {e.Message}";
        }

        if (request.InvocationId is { } invocationId)
        {
            Send(HubFrames.Completion(invocationId, error));
        }
    }

    /// <summary>Subscribe, or Resume when <paramref name="epochArgument"/> is given (its seq and epoch must then be there).</summary>
    private async Task<string?> SubscribeAsync(
        string target, JsonElement editionArgument, JsonElement afterSeqArgument, JsonElement? epochArgument, CancellationToken cancellationToken)
    {
        string? epoch = null;
        if (!TryGetString(editionArgument, out var edition) || !TryGetSeq(afterSeqArgument, out var afterSeq)
            || (epochArgument is { } given && (!TryGetString(given, out epoch) || epoch is null || afterSeq is null)))
        {
            return BindingError(target);
        }

        await hub.Subscriptions.SubscribeAsync(this, edition, afterSeq, epoch, cancellationToken);
        return null;
    }

    private string? UnsubscribeFrom(JsonElement editionArgument)
    {
        if (!TryGetString(editionArgument, out var edition))
        {
            return BindingError(Unsubscribe);
        }

        hub.Subscriptions.Unsubscribe(this, edition);
        return null;
    }

    /// <summary>Sends the client <paramref name="error"/> (if any) once what is queued has gone, then closes the socket.</summary>
    private async Task CloseAsync(string? error, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(error))
        {
            Send(HubFrames.Closed(error));
        }

        await WhenSentAsync().WaitAsync(DirectHub.SendTimeout, cancellationToken);
        MarkClosed();
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
    }

    private static string? ArityError(string? target, JsonElement[] arguments, int expected) =>
        arguments.Length == expected
            ? null
            : $"Failed to invoke '{target}' due to an error on the server. InvalidDataException: Invocation provides {arguments.Length} argument(s) but target expects {expected}.";

    // The messages SignalR's own dispatcher sends, so clients and their logs read the same either way.
    private static string MethodDoesNotExist(string? target) =>
        $"Failed to invoke '{target}' due to an error on the server. HubException: Method does not exist.";

    private static string BindingError(string target) =>
        $"Failed to invoke '{target}' due to an error on the server. InvalidDataException: Error binding arguments. Make sure that the types of the provided values match the types of the hub method being invoked.";

    private static bool TryGetString(JsonElement argument, out string? value)
    {
        value = argument.ValueKind == JsonValueKind.String ? argument.GetString() : null;
        return argument.ValueKind is JsonValueKind.String or JsonValueKind.Null;
    }

    private static bool TryGetSeq(JsonElement argument, out long? value)
    {
        value = null;
        if (argument.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (argument.ValueKind == JsonValueKind.Number && argument.TryGetInt64(out var seq))
        {
            value = seq;
            return true;
        }

        return false;
    }
}
