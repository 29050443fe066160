using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>The browser's half of RFC 8291: decrypts an <c>aes128gcm</c> body with the subscription's private key, written from the RFC, not from the server's code.</summary>
public static class Aes128Gcm
{
    public static byte[] Decrypt(byte[] body, FakeSubscription subscription)
    {
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        if (idLength != 65 || recordSize < 18 || body.Length - 21 - idLength > recordSize)
        {
            throw new CryptographicException($"Bad aes128gcm header: key id of {idLength} bytes, record size {recordSize}.");
        }

        var senderKey = body[21..(21 + idLength)];
        var ciphertext = body[(21 + idLength)..];
        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..] },
        });
        var ecdhSecret = subscription.Key.DeriveRawSecretAgreement(sender.PublicKey);
        var prkKey = HMACSHA256.HashData(subscription.Auth, ecdhSecret);
        byte[] keyInfo = [.. Encoding.ASCII.GetBytes("WebPush: info\0"), .. subscription.PublicKey, .. senderKey];
        var ikm = HMACSHA256.HashData(prkKey, (byte[])[.. keyInfo, 1])[..32];
        var prk = HMACSHA256.HashData(salt, ikm);
        var cek = HMACSHA256.HashData(prk, (byte[])[.. Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"), 1])[..16];
        var nonce = HMACSHA256.HashData(prk, (byte[])[.. Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"), 1])[..12];

        var plaintext = new byte[ciphertext.Length - 16];
        using var aes = new AesGcm(cek, 16);
        aes.Decrypt(nonce, ciphertext[..^16], ciphertext[^16..], plaintext);
        var end = Array.FindLastIndex(plaintext, b => b != 0);
        if (end < 0 || plaintext[end] != 2)
        {
            throw new CryptographicException("The last record does not end with the 0x02 delimiter.");
        }

        return plaintext[..end];
    }
}
