using System.Buffers.Text;
using System.Security.Cryptography;

namespace Alerts.Server.WebPush;

/// <summary>The application server's P-256 key pair of RFC 8292: the public key readers' browsers bind their subscriptions to, and the signer.</summary>
internal sealed class VapidKeys : IDisposable
{
    private VapidKeys(ECDsa signer, byte[] publicKey)
    {
        Signer = signer;
        PublicKey = publicKey;
        PublicKeyText = Base64Url.EncodeToString(publicKey);
    }

    public ECDsa Signer { get; }

    /// <summary>The uncompressed point, 65 bytes.</summary>
    public byte[] PublicKey { get; }

    public string PublicKeyText { get; }

    public string PrivateKeyText => Base64Url.EncodeToString(Signer.ExportParameters(true).D!);

    public static VapidKeys Generate()
    {
        var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new VapidKeys(signer, Uncompressed(signer.ExportParameters(false).Q));
    }

    /// <summary>The pair, or null when the texts are not base64url of a matching P-256 pair.</summary>
    public static VapidKeys? TryImport(string publicKey, string privateKey)
    {
        try
        {
            var q = Base64Url.DecodeFromChars(publicKey);
            var d = Base64Url.DecodeFromChars(privateKey);
            if (q.Length != 65 || q[0] != 4 || d.Length != 32)
            {
                return null;
            }

            var signer = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = q[1..33], Y = q[33..] },
                D = d,
            });
            return new VapidKeys(signer, q);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    public static byte[] Uncompressed(ECPoint point) => [4, .. point.X!, .. point.Y!];

    public void Dispose() => Signer.Dispose();
}
