using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// One signed POST. Any 2xx is delivered; anything else, a timeout or no connection is a failure to retry, no sooner
/// than the receiver's <c>Retry-After</c> (seconds or a date) when it sent one.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookDeliveryOptions> options, TimeProvider time)
{
    public const string ClientName = "webhooks";

    public sealed record Result(bool Delivered, int? Status, string? Error, long DurationMs, TimeSpan? RetryAfter = null);

    public async Task<Result> SendAsync(Uri url, byte[] key, string messageId, byte[] body, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(key, messageId, timestamp, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? new Result(true, status, null, Elapsed(started))
                : new Result(false, status, response.ReasonPhrase, Elapsed(started), RetryAfter(response.Headers.RetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Result(false, null, $"no response within {options.Value.RequestTimeout}", Elapsed(started));
        }
        catch (HttpRequestException e)
        {
            return new Result(false, null, e.Message, Elapsed(started));
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
