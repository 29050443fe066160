using System.Buffers.Text;
using System.Security.Cryptography;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>A browser's side of a subscription, made by the test: the P-256 key pair and auth secret the browser would hold.</summary>
public sealed class FakeSubscription(string id, Uri endpoint) : IDisposable
{
    public string Id { get; } = id;

    public Uri Endpoint { get; } = endpoint;

    public ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public byte[] Auth { get; } = RandomNumberGenerator.GetBytes(16);

    public byte[] PublicKey
    {
        get
        {
            var q = Key.ExportParameters(false).Q;
            return [4, .. q.X!, .. q.Y!];
        }
    }

    /// <summary>What <c>PushSubscription.toJSON()</c> gives.</summary>
    public object Json => new { endpoint = Endpoint.ToString(), keys = new { p256dh = Base64Url.EncodeToString(PublicKey), auth = Base64Url.EncodeToString(Auth) } };

    public void Dispose() => Key.Dispose();
}
