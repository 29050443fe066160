using System.Net;
using Alerts.Server.Push.Fcm;
using Alerts.Server.Tests.Push.Fake;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Alerts.Server.Tests.Push.Fcm;

/// <summary>The client against an FCM that speaks HTTP/2 (as Google does) and against an HTTP/1.1-only emulator or proxy.</summary>
public abstract class FcmHttpClientTests(HttpProtocols protocol) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync(protocol);

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task ASendIsAuthorisedByATokenFromTheSignedJwtExchange()
    {
        using var client = new FcmClient(_fake);

        var name = await client.Messaging.SendAsync(ToToken("device-1"), CancellationToken.None).WaitAsync(Timeout);

        Assert.StartsWith($"projects/{FakeFcm.ProjectId}/messages/", name, StringComparison.Ordinal);
        Assert.Equal(["device-1"], _fake.AcceptedTokens());
        Assert.Equal(1, _fake.TokenRequests);
    }

    [Fact]
    public async Task TheTokenUrlSettingOverridesTheKeyFilesTokenUri()
    {
        var file = _fake.WriteServiceAccountFile();
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace(_fake.TokenUrl.ToString(), "http://127.0.0.1:9/token", StringComparison.Ordinal));
        using var client = new FcmClient(_fake, file, _fake.TokenUrl);

        await client.Messaging.SendAsync(ToToken("device-1"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(1, _fake.TokenRequests);
        Assert.Single(_fake.Accepted);
    }

    [Fact]
    public async Task FiveHundredConcurrentSendsShareOneTokenRequest()
    {
        using var client = new FcmClient(_fake);

        var names = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => client.Messaging.SendAsync(ToToken($"device-{i}"), CancellationToken.None))).WaitAsync(Timeout);

        Assert.Equal(500, names.Distinct().Count());
        Assert.Equal(500, _fake.Accepted.Count);
        Assert.Equal(1, _fake.TokenRequests);
    }

    [Fact]
    public async Task ARejectedTokenIsRefreshedOnceAndTheSendRetried()
    {
        using var client = new FcmClient(_fake);
        await client.Messaging.SendAsync(ToToken("device-1"), CancellationToken.None).WaitAsync(Timeout);
        _fake.RevokeAccessTokens();

        var names = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.Messaging.SendAsync(ToToken($"device-{i}"), CancellationToken.None))).WaitAsync(Timeout);

        Assert.Equal(50, names.Length);
        Assert.Equal(2, _fake.TokenRequests);
    }

    [Fact]
    public async Task ASecond401FailsLoudlyAfterOneRefresh()
    {
        using var client = new FcmClient(_fake);
        _fake.RejectAllAccessTokens = true;

        var error = await Assert.ThrowsAsync<FirebaseMessagingException>(() => client.Messaging.SendAsync(ToToken("device-1"), CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(ErrorCode.Unauthenticated, error.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatus);
        Assert.Equal(2, _fake.TokenRequests);
    }

    [Theory]
    [InlineData("unregistered", "NotFound", "Unregistered", HttpStatusCode.NotFound)]
    [InlineData("invalid-token", "InvalidArgument", "InvalidArgument", HttpStatusCode.BadRequest)]
    [InlineData("unavailable", "Unavailable", "Unavailable", HttpStatusCode.ServiceUnavailable)]
    [InlineData("internal", "Internal", "Internal", HttpStatusCode.InternalServerError)]
    [InlineData("quota", "ResourceExhausted", "QuotaExceeded", HttpStatusCode.TooManyRequests)]
    public async Task FcmErrorBodiesBecomeTypedErrors(string fault, string code, string messagingCode, HttpStatusCode status)
    {
        using var client = new FcmClient(_fake);
        _fake.OnSend = _ => fault switch
        {
            "unregistered" => FcmFault.Unregistered,
            "invalid-token" => FcmFault.InvalidToken,
            "unavailable" => FcmFault.Unavailable,
            "internal" => FcmFault.Internal,
            _ => FcmFault.Quota(TimeSpan.FromSeconds(7)),
        };

        var error = await Assert.ThrowsAsync<FirebaseMessagingException>(() => client.Messaging.SendAsync(ToToken("device-1"), CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(code, error.ErrorCode.ToString());
        Assert.Equal(messagingCode, error.MessagingErrorCode.ToString());
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(fault == "quota" ? TimeSpan.FromSeconds(7) : null, error.RetryAfter);
    }

    [Fact]
    public async Task AConnectionResetAfterTheRequestIsAnUnavailableErrorWithoutStatus()
    {
        using var client = new FcmClient(_fake);
        _fake.OnSend = _ => FcmFault.ConnectionReset;

        var error = await Assert.ThrowsAsync<FirebaseMessagingException>(() => client.Messaging.SendAsync(ToToken("device-1"), CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(ErrorCode.Unavailable, error.ErrorCode);
        Assert.Null(error.HttpStatus);
        Assert.Single(_fake.Received);
    }

    [Fact]
    public async Task ATokenEndpointThatIsDownIsAnUnavailableError()
    {
        using var client = new FcmClient(_fake);
        _fake.TokenEndpointDown = true;

        var error = await Assert.ThrowsAsync<FirebaseMessagingException>(() => client.Messaging.SendAsync(ToToken("device-1"), CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(ErrorCode.Unavailable, error.ErrorCode);
        Assert.Empty(_fake.Received);
    }

    [Fact]
    public async Task SubscribingAThousandAndOneTokensTakesTwoBatchAddCallsAndMapsErrorsBack()
    {
        using var client = new FcmClient(_fake);
        var tokens = Enumerable.Range(0, 1001).Select(i => i is 3 or 1000 ? $"bad-{i}" : $"device-{i}").ToList();

        var result = await client.Messaging.SubscribeToTopicAsync(tokens, "alerts-en", CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([1000, 1], _fake.TopicCalls.Select(c => c.Tokens.Count));
        Assert.All(_fake.TopicCalls, c => Assert.Equal(("batchAdd", "alerts-en"), (c.Action, c.Topic)));
        Assert.Equal(999, result.SuccessCount);
        Assert.Equal([3, 1000], result.Errors.Select(e => e.Index));
        Assert.All(result.Errors, e => Assert.Equal("invalid-argument", e.Reason));
    }

    [Fact]
    public async Task AValidateOnlySendIsCheckedByFcmButReachesNoDevice()
    {
        using var client = new FcmClient(_fake);

        await client.Messaging.ValidateAsync(ToToken("device-1"), CancellationToken.None).WaitAsync(Timeout);
        var refused = await Assert.ThrowsAsync<FirebaseMessagingException>(
            () => client.Messaging.ValidateAsync(ToToken("device-1") with { Notification = new Notification { Body = "x", ImageUrl = "http://example.com/a.jpg" } }, CancellationToken.None)
                .WaitAsync(Timeout));

        Assert.Empty(_fake.Accepted);
        Assert.Equal(ErrorCode.InvalidArgument, refused.ErrorCode);
    }

    [Fact]
    public async Task EachRequestUsesTheProtocolTheEndpointSpeaks()
    {
        using var client = new FcmClient(_fake);

        await client.Messaging.SendAsync(ToToken("device-1"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([protocol == HttpProtocols.Http2 ? "HTTP/2" : "HTTP/1.1"], _fake.SendProtocols.Distinct());
    }

    private static Message ToToken(string token) => new()
    {
        Token = token,
        Notification = new Notification { Title = "BREAKING", Body = "Headline" },
        Data = new Dictionary<string, string> { ["alertId"] = "01J0" },
    };
}

public sealed class FcmHttpClientOverHttp2Tests() : FcmHttpClientTests(HttpProtocols.Http2);

public sealed class FcmHttpClientOverHttp1Tests() : FcmHttpClientTests(HttpProtocols.Http1);
