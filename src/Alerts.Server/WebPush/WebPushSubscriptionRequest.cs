using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Alerts.Core.Validation;

namespace Alerts.Server.WebPush;

/// <summary>
/// Reads and checks the <c>subscription</c> of a Web Push registration. The endpoint is a URL this server will
/// POST to, so it must be <c>https</c> on a push service the deployment allows (never a private or metadata
/// address); nothing here connects to it.
/// </summary>
internal static class WebPushSubscriptionRequest
{
    private const int PublicKeyBytes = 65;
    private const int AuthBytes = 16;

    public static WebPushSubscription? Read(JsonElement subscription, AllowedHosts hosts, ValidationErrors errors)
    {
        if (subscription.ValueKind != JsonValueKind.Object)
        {
            errors.Add("subscription", "must be the browser's PushSubscription as JSON: { endpoint, keys: { p256dh, auth } }.");
            return null;
        }

        var endpoint = Endpoint(subscription, hosts, errors);
        var keys = subscription.TryGetProperty("keys", out var k) && k.ValueKind == JsonValueKind.Object ? k : default;
        var p256dh = Key(keys, "p256dh", PublicKeyBytes, errors);
        if (p256dh is not null && !IsP256Point(p256dh))
        {
            errors.Add("subscription.keys.p256dh", "is not a point on the P-256 curve.");
        }

        var auth = Key(keys, "auth", AuthBytes, errors);
        return errors.IsEmpty ? new WebPushSubscription(endpoint!, Base64Url.EncodeToString(p256dh), Base64Url.EncodeToString(auth)) : null;
    }

    private static string? Endpoint(JsonElement subscription, AllowedHosts hosts, ValidationErrors errors)
    {
        var text = subscription.TryGetProperty("endpoint", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        if (text is null || text.Length > WebPushOptions.MaxEndpointLength)
        {
            errors.Add("subscription.endpoint", $"is required: an https URL of at most {WebPushOptions.MaxEndpointLength} characters.");
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.UserInfo.Length > 0)
        {
            errors.Add("subscription.endpoint", "must be an https URL without user information.");
            return null;
        }

        if (!hosts.Allows(uri.IdnHost))
        {
            errors.Add("subscription.endpoint", $"'{uri.IdnHost}' is not a push service this server sends to (Alerts:WebPush:AllowedHosts).");
            return null;
        }

        return text;
    }

    private static byte[]? Key(JsonElement keys, string name, int length, ValidationErrors errors)
    {
        var text = keys.ValueKind == JsonValueKind.Object && keys.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        byte[]? bytes = null;
        try
        {
            bytes = text is null ? null : Base64Url.DecodeFromChars(text.TrimEnd('='));
        }
        catch (FormatException)
        {
        }

        if (bytes?.Length != length)
        {
            errors.Add($"subscription.keys.{name}", $"is required: base64url of {length} bytes.");
            return null;
        }

        return bytes;
    }

    private static bool IsP256Point(byte[] key)
    {
        if (key[0] != 4)
        {
            return false;
        }

        try
        {
            using var point = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key[1..33], Y = key[33..] },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
