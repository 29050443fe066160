using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Alerts.Server.Tests.Push.Fake;

/// <summary>
/// FCM on loopback Kestrel, speaking what Google documents: the OAuth JWT-bearer exchange (HTTP/1.1,
/// like Google.Apis.Auth's client), and HTTP/2 <c>messages:send</c> and Instance ID <c>batchAdd</c>/<c>batchRemove</c>.
/// Tests inject faults through <see cref="OnSend"/> and the switches below.
/// </summary>
public sealed class FakeFcm : IAsyncDisposable
{
    public const string ProjectId = "alerts-test";
    public const string ClientEmail = "push@alerts-test.iam.gserviceaccount.com";

    /// <summary>Google requires this audience in the assertion whatever address the token request goes to.</summary>
    public const string GoogleTokenAudience = "https://oauth2.googleapis.com/token";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, byte> _accessTokens = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-fcm-").FullName;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tokenRequests;
    private int _validated;
    private long _messageIds;
    private long _acceptedCount;

    private FakeFcm(WebApplication app, int tokenPort, int fcmPort, HttpProtocols protocol)
    {
        _app = app;
        Protocol = protocol;
        TokenUrl = new Uri($"http://127.0.0.1:{tokenPort}/token");
        BaseUrl = new Uri($"http://127.0.0.1:{fcmPort}/");
    }

    public Uri TokenUrl { get; }

    /// <summary>What <c>messages:send</c> and Instance ID speak: HTTP/2 with prior knowledge, as a plain-http FCM emulator may, or HTTP/1.1 only.</summary>
    public HttpProtocols Protocol { get; }

    /// <summary>The protocol of each send request, as Kestrel saw it.</summary>
    public ConcurrentQueue<string> SendProtocols { get; } = new();

    /// <summary>Both the send and the Instance ID base address.</summary>
    public Uri BaseUrl { get; }

    public Func<FakeSend, FcmFault?>? OnSend { get; set; }

    /// <summary>How long each send takes to answer, as a slow network would.</summary>
    public TimeSpan SendLatency { get; set; }

    public bool TokenEndpointDown { get; set; }

    /// <summary>Instance ID answers 503 while set.</summary>
    public bool InstanceIdDown { get; set; }

    /// <summary>Every access token is refused with 401, also freshly issued ones.</summary>
    public bool RejectAllAccessTokens { get; set; }

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Off for load runs: only counts are kept, not every message.</summary>
    public bool KeepMessages { get; set; } = true;

    public long AcceptedCount => Interlocked.Read(ref _acceptedCount);

    /// <summary>Messages checked with <c>validate_only</c>: FCM answers as for a send, and sends nothing.</summary>
    public int ValidatedCount => Volatile.Read(ref _validated);

    /// <summary>Accepted sends per Unix second, to check a rate limit held.</summary>
    public ConcurrentDictionary<long, int> AcceptedPerSecond { get; } = new();

    public ConcurrentQueue<FakeSend> Received { get; } = new();

    public ConcurrentQueue<FakeSend> Accepted { get; } = new();

    public ConcurrentQueue<TopicCall> TopicCalls { get; } = new();

    public static async Task<FakeFcm> StartAsync(HttpProtocols protocol = HttpProtocols.Http2)
    {
        for (var attempt = 1; ; attempt++)
        {
            var fake = Create(protocol);
            try
            {
                await fake._app.StartAsync();
                return fake;
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && attempt < 5)
            {
                // The ports were free when picked; something else bound one before Kestrel did.
                await fake.DisposeAsync();
            }
        }
    }

    private static FakeFcm Create(HttpProtocols protocol)
    {
        var (tokenPort, fcmPort) = (LoopbackPorts.Next(), LoopbackPorts.Next());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, tokenPort, o => o.Protocols = HttpProtocols.Http1);
            k.Listen(IPAddress.Loopback, fcmPort, o => o.Protocols = protocol);
            // Kestrel's default stream limit, as HTTP/2 servers commonly set; the client opens more connections beyond it.
            k.Limits.Http2.MaxStreamsPerConnection = 100;
        });
        var fake = new FakeFcm(builder.Build(), tokenPort, fcmPort, protocol);
        fake._app.MapPost("/token", (Delegate)fake.TokenAsync);
        fake._app.MapPost("/v1/projects/{project}/messages:send", fake.SendAsync);
        fake._app.MapPost("/iid/v1:batchAdd", (Delegate)((HttpContext c) => fake.TopicAsync(c, "batchAdd")));
        fake._app.MapPost("/iid/v1:batchRemove", (Delegate)((HttpContext c) => fake.TopicAsync(c, "batchRemove")));
        return fake;
    }

    /// <summary>Writes a service-account key file whose <c>token_uri</c> is this fake; returns its path.</summary>
    public string WriteServiceAccountFile()
    {
        var path = Path.Combine(_directory, "service-account.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = ProjectId,
            ["private_key_id"] = "test-key-1",
            ["private_key"] = _key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ClientEmail,
            ["token_uri"] = TokenUrl.ToString(),
        }));
        return path;
    }

    /// <summary>The configuration that points a node at this fake.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Alerts:Fcm:ProjectId"] = ProjectId,
        ["Alerts:Fcm:CredentialsFile"] = WriteServiceAccountFile(),
        ["Alerts:Fcm:BaseUrl"] = BaseUrl.ToString(),
        ["Alerts:Fcm:InstanceIdBaseUrl"] = BaseUrl.ToString(),
        ["Alerts:Fcm:HttpVersion"] = Protocol == HttpProtocols.Http2 ? "2" : null,
    };

    /// <summary>Makes every issued access token invalid, as an expiry or a key rotation would.</summary>
    public void RevokeAccessTokens() => _accessTokens.Clear();

    /// <summary>Lets hung requests answer (with 503) and stops hanging new ones until the next <see cref="FcmFault.Hang"/>.</summary>
    public void ReleaseHung() => Interlocked.Exchange(ref _release, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public IReadOnlyList<string> AcceptedTokens() => Accepted.Select(s => s.Token!).ToList();

    public async ValueTask DisposeAsync()
    {
        ReleaseHung();
        await _app.DisposeAsync();
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (TokenEndpointDown)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        }

        if (JwtAssertion.Problem(form["assertion"].ToString(), _key, ClientEmail, GoogleTokenAudience) is { } problem)
        {
            return Results.Json(new { error = "invalid_grant", error_description = problem }, statusCode: 400);
        }

        var token = "ya29.fake-" + Guid.NewGuid().ToString("N");
        _accessTokens[token] = 0;
        return Results.Json(new { access_token = token, expires_in = 3599, token_type = "Bearer" });
    }

    private async Task SendAsync(HttpContext context, string project)
    {
        SendProtocols.Enqueue(context.Request.Protocol);
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        if (!Authorized(context))
        {
            await FcmErrorResponse.WriteAsync(context, FcmFault.Unauthenticated);
            return;
        }

        if (project != ProjectId || !body.RootElement.TryGetProperty("message", out var message))
        {
            await FcmErrorResponse.WriteAsync(context, FcmFault.InvalidPayload with { Message = "Invalid JSON payload received. Unknown name or missing \"message\"." });
            return;
        }

        if (FcmValidation.Problem(message) is { } problem)
        {
            await FcmErrorResponse.WriteAsync(context, FcmFault.InvalidPayload with { Message = problem });
            return;
        }

        if (body.RootElement.TryGetProperty("validate_only", out var validateOnly) && validateOnly.GetBoolean())
        {
            Interlocked.Increment(ref _validated);
            await context.Response.WriteAsJsonAsync(new { name = $"projects/{ProjectId}/messages/fake_message_id" });
            return;
        }

        var target = message.TryGetProperty("token", out var t) ? t.GetString()! : message.TryGetProperty("topic", out var tp) ? tp.GetString()! : message.GetProperty("condition").GetString()!;
        var send = KeepMessages ? new FakeSend(message.Clone(), target, _attempts.AddOrUpdate(target, 1, (_, n) => n + 1)) : new FakeSend(default, target, 1);
        if (KeepMessages)
        {
            Received.Enqueue(send);
        }

        if (OnSend?.Invoke(send) is { } fault)
        {
            await FailAsync(context, fault);
            return;
        }

        if (SendLatency > TimeSpan.Zero)
        {
            await Task.Delay(SendLatency, context.RequestAborted);
        }

        Interlocked.Increment(ref _acceptedCount);
        AcceptedPerSecond.AddOrUpdate(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1, (_, n) => n + 1);
        if (KeepMessages)
        {
            Accepted.Enqueue(send);
        }

        await context.Response.WriteAsJsonAsync(new { name = $"projects/{ProjectId}/messages/{Interlocked.Increment(ref _messageIds)}" });
    }

    private async Task FailAsync(HttpContext context, FcmFault fault)
    {
        if (fault.Reset)
        {
            context.Abort();
            return;
        }

        if (fault.Hang)
        {
            await Volatile.Read(ref _release).Task.WaitAsync(context.RequestAborted);
        }

        await FcmErrorResponse.WriteAsync(context, fault);
    }

    private async Task<IResult> TopicAsync(HttpContext context, string action)
    {
        if (InstanceIdDown)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        if (!Authorized(context) || context.Request.Headers["access_token_auth"] != "true")
        {
            return Results.Json(new { error = "Unauthorized" }, statusCode: 401);
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var to = body.RootElement.GetProperty("to").GetString()!;
        var tokens = body.RootElement.GetProperty("registration_tokens").EnumerateArray().Select(e => e.GetString()!).ToList();
        if (!to.StartsWith("/topics/", StringComparison.Ordinal) || tokens.Count is 0 or > 1000)
        {
            return Results.Json(new { error = "InvalidParameters: between 1 and 1000 registration_tokens, 'to' a /topics/ name" }, statusCode: 400);
        }

        TopicCalls.Enqueue(new TopicCall(action, to["/topics/".Length..], tokens));
        var results = tokens.Select(token => token.StartsWith("bad", StringComparison.Ordinal)
            ? new Dictionary<string, string> { ["error"] = "INVALID_ARGUMENT" }
            : []);
        return Results.Json(new { results });
    }

    private bool Authorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return !RejectAllAccessTokens && header.StartsWith("Bearer ", StringComparison.Ordinal) && _accessTokens.ContainsKey(header["Bearer ".Length..]);
    }
}
