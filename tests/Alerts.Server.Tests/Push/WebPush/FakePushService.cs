using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>
/// A push service as strict as the browsers' (RFC 8030, 8291, 8292), on https loopback Kestrel with a test
/// certificate: 403 unless the VAPID token is ES256 under its <c>k=</c>, for this origin, expiring within 24 h,
/// with a mailto: or https: subject; 400 unless the body decrypts with the subscription's key; one stored
/// message per <c>Topic</c>. Tests choose other answers (404, 410, 413, 429 with Retry-After) per subscription.
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeSubscription> _subscriptions = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, int? RetryAfterSeconds)>> _answers = new();
    private readonly ConcurrentDictionary<(string Subscription, string Topic), PushedMessage> _byTopic = new();
    private int _nextId;
    private long _counted;

    private FakePushService(WebApplication app, int port, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
        Origin = new Uri($"https://127.0.0.1:{port}");
    }

    public Uri Origin { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>Every request, as (subscription, status answered), in arrival order.</summary>
    public ConcurrentQueue<(string Subscription, int Status, DateTimeOffset At)> Requests { get; } = new();

    /// <summary>Awaited before a request is judged, to hold it; true drops it unanswered and unrecorded, as if its sender had died.</summary>
    public Func<Task<bool>>? Hold { get; set; }

    /// <summary>
    /// False for a throughput run: every POST to a known subscription is drained and answered 201, counted in
    /// <see cref="CountedCount"/> and not judged, so the run measures the sender, not the fake's own crypto.
    /// </summary>
    public bool Judging { get; set; } = true;

    /// <summary>The messages answered 201 without judging them (<see cref="Judging"/> false).</summary>
    public long CountedCount => Interlocked.Read(ref _counted);

    /// <summary>Every accepted message, in arrival order.</summary>
    public ConcurrentQueue<PushedMessage> Accepted { get; } = new();

    /// <summary>The newest undelivered message per topic, as a push service keeps them for an offline browser.</summary>
    public IReadOnlyList<PushedMessage> Stored(string subscription) =>
        [.. _byTopic.Where(m => m.Key.Subscription == subscription).Select(m => m.Value).OrderBy(m => m.At)];

    public static async Task<FakePushService> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPorts.Next();
            var certificate = CreateCertificate();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.UseHttps(certificate)));
            var fake = new FakePushService(builder.Build(), port, certificate);
            fake._app.MapPost("/push/{id}", fake.ReceiveAsync);
            try
            {
                await fake._app.StartAsync();
                return fake;
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && attempt < 5)
            {
                // The port was free when picked; something else bound it before Kestrel did.
                await fake.DisposeAsync();
            }
        }
    }

    public FakeSubscription Subscribe()
    {
        var id = $"s{Interlocked.Increment(ref _nextId)}";
        var subscription = new FakeSubscription(id, new Uri(Origin, $"/push/{id}"));
        _subscriptions[id] = subscription;
        return subscription;
    }

    /// <summary>The next requests to <paramref name="subscription"/> get these statuses, in order; then 201 again.</summary>
    public void Answer(FakeSubscription subscription, params (int Status, int? RetryAfterSeconds)[] answers)
    {
        var queue = _answers.GetOrAdd(subscription.Id, _ => new());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>A handler for the server's Web Push client that trusts this service's certificate and follows no redirect.</summary>
    public SocketsHttpHandler TrustingHandler() => new()
    {
        AllowAutoRedirect = false,
        EnableMultipleHttp2Connections = true,
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString() },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Dispose();
        }

        Certificate.Dispose();
    }

    private async Task<IResult> ReceiveAsync(string id, HttpContext context)
    {
        if (Hold is { } hold && await hold())
        {
            context.Abort();
            return Results.Empty;
        }

        if (!Judging)
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref _counted);
            return Results.StatusCode(201);
        }

        var status = await JudgeAsync(id, context);
        Requests.Enqueue((id, status.Code, DateTimeOffset.UtcNow));
        if (status.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.StatusCode(status.Code);
    }

    private async Task<(int Code, int? RetryAfterSeconds)> JudgeAsync(string id, HttpContext context)
    {
        var request = context.Request;
        if (!_subscriptions.TryGetValue(id, out var subscription))
        {
            return (404, null);
        }

        if (VerifyVapid(request.Headers.Authorization.ToString()) is not { } vapidKey)
        {
            return (403, null);
        }

        if (!long.TryParse(request.Headers["TTL"], out var ttl) || ttl < 0 || request.Headers.ContentEncoding != "aes128gcm")
        {
            return (400, null);
        }

        var topic = request.Headers["Topic"].ToString();
        if (topic.Length > 32 || topic.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return (400, null);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        if (body.Length > 4096)
        {
            return (413, null);
        }

        JsonElement payload;
        try
        {
            payload = JsonDocument.Parse(Aes128Gcm.Decrypt(body.ToArray(), subscription)).RootElement.Clone();
        }
        catch (Exception e) when (e is CryptographicException or JsonException or ArgumentException)
        {
            return (400, null);
        }

        if (_answers.TryGetValue(id, out var answers) && answers.TryDequeue(out var answer))
        {
            return answer;
        }

        var message = new PushedMessage(id, topic.Length == 0 ? null : topic, ttl, request.Headers["Urgency"].ToString() is { Length: > 0 } u ? u : null, payload, vapidKey, DateTimeOffset.UtcNow);
        Accepted.Enqueue(message);
        _byTopic[(id, topic.Length == 0 ? Guid.NewGuid().ToString("N") : topic)] = message;
        return (201, null);
    }

    /// <summary>The <c>k=</c> key when the header is a valid VAPID authorization for this origin, else null.</summary>
    private string? VerifyVapid(string header)
    {
        if (!header.StartsWith("vapid ", StringComparison.Ordinal))
        {
            return null;
        }

        var parameters = header["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parameters.TryGetValue("t", out var token) || !parameters.TryGetValue("k", out var k))
        {
            return null;
        }

        try
        {
            var parts = token.Split('.');
            var key = Base64Url.DecodeFromChars(k);
            using var verifier = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key[1..33], Y = key[33..] },
            });
            var head = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
            var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
            var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
            var subject = claims.GetProperty("sub").GetString() ?? "";
            var valid = parts.Length == 3
                && key.Length == 65
                && head.GetProperty("alg").GetString() == "ES256"
                && verifier.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256)
                && claims.GetProperty("aud").GetString() == Origin.GetLeftPart(UriPartial.Authority)
                && expires > DateTimeOffset.UtcNow && expires <= DateTimeOffset.UtcNow.AddHours(24)
                && (subject.StartsWith("mailto:", StringComparison.Ordinal) || subject.StartsWith("https:", StringComparison.Ordinal));
            return valid ? k : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or CryptographicException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel on Linux needs the key in a form it can hand to OpenSSL: a PKCS#12 round trip gives that.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
