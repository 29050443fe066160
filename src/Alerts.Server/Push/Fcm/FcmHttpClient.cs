using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Apis.Auth.OAuth2.Responses;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Fcm;

/// <summary>
/// FCM HTTP v1 over one <see cref="HttpClient"/>: HTTP/2 (negotiated over TLS), several connections when
/// one's stream limit is reached, one shared access token. A 401 refreshes the token and retries once;
/// a second 401 throws. A plain-http endpoint (an emulator, a proxy) gets HTTP/1.1 unless
/// <see cref="FcmOptions.HttpVersion"/> says 2.
/// </summary>
internal sealed class FcmHttpClient : IFirebaseMessaging, IDisposable
{
    /// <summary>Instance ID takes at most this many tokens per call.</summary>
    public const int MaxTokensPerTopicCall = 1_000;

    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly FcmCredentials _credentials;
    private readonly Uri _sendUri;
    private readonly Uri _instanceIdBase;
    private readonly Version _version;
    private readonly HttpVersionPolicy _versionPolicy;

    public FcmHttpClient(FcmCredentials credentials, IOptions<FcmOptions> options)
    {
        var settings = options.Value;
        _credentials = credentials;
        _sendUri = new Uri(settings.BaseUrl, $"v1/projects/{settings.ProjectId}/messages:send");
        _instanceIdBase = settings.InstanceIdBaseUrl;
        // Google negotiates HTTP/2 through TLS (ALPN). Without TLS there is nothing to negotiate with: HTTP/2 is
        // only spoken with prior knowledge, which most emulators and proxies do not have, so it must be asked for.
        (_version, _versionPolicy) = settings.BaseUrl.Scheme == Uri.UriSchemeHttps
            ? (HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrLower)
            : (settings.HttpVersion == "2" ? HttpVersion.Version20 : HttpVersion.Version11, HttpVersionPolicy.RequestVersionExact);
        _http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // A connection silently dropped by a NAT or proxy is noticed by a ping, not by every request on it timing out.
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        })
        {
            Timeout = settings.RequestTimeout,
        };
    }

    public Task<string> SendAsync(Message message, CancellationToken cancellationToken) => SendAsync(message, validateOnly: false, cancellationToken);

    public Task<string> ValidateAsync(Message message, CancellationToken cancellationToken) => SendAsync(message, validateOnly: true, cancellationToken);

    private async Task<string> SendAsync(Message message, bool validateOnly, CancellationToken cancellationToken)
    {
        var body = FcmMessageWriter.WriteSendRequest(message, validateOnly);
        using var response = await PostAsync(_sendUri, body, instanceId: false, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("name").GetString()!;
    }

    public Task<TopicManagementResponse> SubscribeToTopicAsync(IReadOnlyList<string> registrationTokens, string topic, CancellationToken cancellationToken) =>
        ManageTopicAsync("iid/v1:batchAdd", registrationTokens, topic, cancellationToken);

    public Task<TopicManagementResponse> UnsubscribeFromTopicAsync(IReadOnlyList<string> registrationTokens, string topic, CancellationToken cancellationToken) =>
        ManageTopicAsync("iid/v1:batchRemove", registrationTokens, topic, cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>Calls Instance ID in chunks of at most 1,000 tokens and maps each chunk's results back to indexes into the whole list.</summary>
    private async Task<TopicManagementResponse> ManageTopicAsync(string path, IReadOnlyList<string> tokens, string topic, CancellationToken cancellationToken)
    {
        var to = topic.StartsWith("/topics/", StringComparison.Ordinal) ? topic : "/topics/" + topic;
        var errors = new List<ErrorInfo>();
        for (var offset = 0; offset < tokens.Count; offset += MaxTokensPerTopicCall)
        {
            var chunk = tokens.Skip(offset).Take(MaxTokensPerTopicCall).ToArray();
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["to"] = to, ["registration_tokens"] = chunk });
            using var response = await PostAsync(new Uri(_instanceIdBase, path), body, instanceId: true, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var index = offset;
            foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
            {
                if (result.TryGetProperty("error", out var error))
                {
                    errors.Add(new ErrorInfo(index, ReasonOf(error.GetString())));
                }

                index++;
            }
        }

        return new TopicManagementResponse(tokens.Count - errors.Count, errors);
    }

    private async Task<HttpResponseMessage> PostAsync(Uri uri, byte[] body, bool instanceId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await FromTokenEndpointAsync(() => _credentials.GetTokenAsync(cancellationToken), cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } },
                Version = _version,
                VersionPolicy = _versionPolicy,
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (instanceId)
            {
                request.Headers.Add("access_token_auth", "true");
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new FirebaseMessagingException(ErrorCode.Unavailable, $"No answer from {uri.Host}: {e.Message}", inner: e);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    await FromTokenEndpointAsync(async () => { await _credentials.RefreshAsync(token, cancellationToken); return token; }, cancellationToken);
                    continue;
                }

                throw await FcmErrorReader.ReadAsync(response, cancellationToken);
            }
        }
    }

    private static async Task<T> FromTokenEndpointAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        // Google.Apis.Auth 1.78 throws NullReferenceException on an error answer without a JSON body (a 503 from a load balancer).
        catch (Exception e) when (e is HttpRequestException or TokenResponseException or NullReferenceException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new FirebaseMessagingException(ErrorCode.Unavailable, $"No access token from the OAuth endpoint: {e.Message}", inner: e);
        }
    }

    // The reasons FirebaseAdmin reports, so callers written against it read the same values.
    private static string ReasonOf(string? error) => error switch
    {
        "INVALID_ARGUMENT" => "invalid-argument",
        "NOT_FOUND" => "registration-token-not-registered",
        "INTERNAL" => "internal-error",
        "TOO_MANY_TOPICS" => "too-many-topics",
        _ => "unknown-error",
    };
}
