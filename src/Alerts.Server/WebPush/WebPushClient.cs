using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Alerts.Server.WebPush;

/// <summary>
/// Sends one encrypted message to one subscription (RFC 8030): <c>TTL</c>, <c>Urgency</c>, <c>Topic</c>, VAPID
/// authorization, never following a redirect. 429, 5xx and lost connections are retried with doubling waits
/// (or the service's Retry-After, up to <see cref="WebPushOptions.MaxRetryAfter"/>).
/// </summary>
internal sealed class WebPushClient(IHttpClientFactory clients, VapidToken vapid, IOptions<WebPushOptions> options, TimeProvider time, ILogger<WebPushClient> logger)
{
    public const string ClientName = "webpush";

    public async Task<(WebPushSendOutcome Outcome, int? Status)> SendAsync(WebPushMessage message, WebPushSubscription subscription, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = new Uri(subscription.Endpoint);
        var body = WebPushEncryption.Encrypt(message.Payload, Base64Url.DecodeFromChars(subscription.P256dh), Base64Url.DecodeFromChars(subscription.Auth));
        var authorization = await vapid.HeaderForAsync(endpoint, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            int? status = null;
            TimeSpan? retryAfter = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(settings.RequestTimeout);
                // The browsers' push services speak HTTP/2: one connection carries many sends, instead of a TLS handshake per concurrent send.
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
                {
                    Content = new ByteArrayContent(body), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                request.Content.Headers.ContentEncoding.Add("aes128gcm");
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
                request.Headers.Add("TTL", message.TimeToLive.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("Urgency", message.Urgency);
                request.Headers.Add("Topic", message.Topic);
                try
                {
                    using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    status = (int)response.StatusCode;
                    switch (response.StatusCode)
                    {
                        case >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices:
                            return (WebPushSendOutcome.Accepted, status);
                        case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                            return (WebPushSendOutcome.Gone, status);
                        case HttpStatusCode.RequestEntityTooLarge:
                            return (WebPushSendOutcome.TooLarge, status);
                        case HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError:
                            retryAfter = RetryAfter(response.Headers.RetryAfter);
                            break;
                        default:
                            WebPushLog.Refused(logger, endpoint.Host, status.Value);
                            return (WebPushSendOutcome.Failed, status);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
                catch (HttpRequestException)
                {
                }
            }

            if (attempt >= settings.MaxAttempts || retryAfter > settings.MaxRetryAfter)
            {
                WebPushLog.GaveUp(logger, endpoint.Host, status, attempt);
                return (WebPushSendOutcome.Failed, status);
            }

            await Task.Delay(retryAfter ?? settings.RetryDelay * Math.Pow(2, attempt - 1), time, cancellationToken);
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
}
