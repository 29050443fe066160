using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Server.WebPush;

/// <summary>
/// RFC 8291 message encryption with RFC 8188's <c>aes128gcm</c> content coding, one record: a fresh P-256 key
/// and salt per message, the shared secret with the browser's <c>p256dh</c> key mixed with its <c>auth</c>
/// secret, and the header (salt, record size, the sender's public key) the browser decrypts with.
/// </summary>
internal static class WebPushEncryption
{
    /// <summary>What one record may hold: the services accept 4,096 bytes of body; the header and tag take 86 + 17 of them.</summary>
    public const int MaxPlaintextBytes = 3_993;

    private const int RecordSize = 4_096;
    private const int KeyLength = 65;
    private static readonly byte[] KeyInfoLabel = Encoding.ASCII.GetBytes("WebPush: info\0");
    private static readonly byte[] ContentKeyInfo = Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0");
    private static readonly byte[] NonceInfo = Encoding.ASCII.GetBytes("Content-Encoding: nonce\0");

    /// <summary>The message body for a subscription whose keys are <paramref name="userAgentPublicKey"/> (65 bytes) and <paramref name="authSecret"/> (16).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, byte[] userAgentPublicKey, byte[] authSecret)
    {
        if (plaintext.Length > MaxPlaintextBytes)
        {
            throw new ArgumentException($"A Web Push message holds at most {MaxPlaintextBytes} bytes; this one has {plaintext.Length}.", nameof(plaintext));
        }

        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var userAgent = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = userAgentPublicKey[1..33], Y = userAgentPublicKey[33..] },
        });
        var sharedSecret = ephemeral.DeriveRawSecretAgreement(userAgent.PublicKey);
        var serverPublicKey = VapidKeys.Uncompressed(ephemeral.ExportParameters(false).Q);

        byte[] keyInfo = [.. KeyInfoLabel, .. userAgentPublicKey, .. serverPublicKey];
        var inputKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, authSecret, keyInfo);
        var salt = RandomNumberGenerator.GetBytes(16);
        var pseudoRandomKey = HKDF.Extract(HashAlgorithmName.SHA256, inputKey, salt);
        var contentKey = HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, 16, ContentKeyInfo);
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, 12, NonceInfo);

        // Header: salt (16), record size (4, big-endian), key id length (1), key id (the sender's public key).
        var headerLength = 16 + 4 + 1 + KeyLength;
        var body = new byte[headerLength + plaintext.Length + 1 + 16];
        salt.CopyTo(body, 0);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(16), RecordSize);
        body[20] = KeyLength;
        serverPublicKey.CopyTo(body, 21);

        // The only record is the last: its padding delimiter is 2, with no padding after it.
        var padded = new byte[plaintext.Length + 1];
        plaintext.CopyTo(padded);
        padded[^1] = 2;
        using var aes = new AesGcm(contentKey, 16);
        aes.Encrypt(nonce, padded, body.AsSpan(headerLength, padded.Length), body.AsSpan(headerLength + padded.Length, 16));
        return body;
    }
}
