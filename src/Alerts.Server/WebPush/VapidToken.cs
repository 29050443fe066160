using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Alerts.Server.WebPush;

/// <summary>
/// The <c>Authorization: vapid t=…, k=…</c> header of RFC 8292: an ES256 JWT whose <c>aud</c> is the push
/// service's origin, valid for 12 hours (services refuse more than 24) and reused for 6, so a
/// 100,000-subscription send signs a handful of tokens, not 100,000.
/// </summary>
internal sealed class VapidToken(VapidKeyStore keys, Microsoft.Extensions.Options.IOptions<WebPushOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private static readonly TimeSpan Reuse = TimeSpan.FromHours(6);
    private static readonly string Header = Base64Url.EncodeToString("""{"typ":"JWT","alg":"ES256"}"""u8);
    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset MadeAt)> _byAudience = new(StringComparer.Ordinal);
    private readonly Lock _signing = new();

    public async Task<string> HeaderForAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var audience = endpoint.GetLeftPart(UriPartial.Authority);
        var now = time.GetUtcNow();
        if (_byAudience.TryGetValue(audience, out var cached) && now - cached.MadeAt < Reuse)
        {
            return cached.Value;
        }

        var vapid = await keys.GetAsync(cancellationToken);
        var claims = JsonSerializer.SerializeToUtf8Bytes(
            new VapidClaims(audience, (now + Lifetime).ToUnixTimeSeconds(), options.Value.Subject), WebPushJson.Default.VapidClaims);
        var signingInput = Header + "." + Base64Url.EncodeToString(claims);
        byte[] signature;
        lock (_signing)
        {
            signature = vapid.Signer.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        var value = $"vapid t={signingInput}.{Base64Url.EncodeToString(signature)}, k={vapid.PublicKeyText}";
        _byAudience[audience] = (value, now);
        return value;
    }
}
