using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Alerts.Server.Tests.Push.Fake;

/// <summary>Checks a JWT-bearer assertion as Google's token endpoint does: RS256 signature, issuer, audience, scope, lifetime.</summary>
public static class JwtAssertion
{
    public static string? Problem(string assertion, RSA publicKey, string issuer, string audience)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "assertion is not a JWT";
        }

        using var header = JsonDocument.Parse(Base64Url(parts[0]));
        if (header.RootElement.GetProperty("alg").GetString() != "RS256")
        {
            return "alg must be RS256";
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!publicKey.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "invalid signature";
        }

        using var payload = JsonDocument.Parse(Base64Url(parts[1]));
        var claims = payload.RootElement;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return claims switch
        {
            _ when claims.GetProperty("iss").GetString() != issuer => "wrong issuer",
            _ when claims.GetProperty("aud").GetString() != audience => $"wrong audience {claims.GetProperty("aud")}",
            _ when !(claims.GetProperty("scope").GetString() ?? "").Split(' ').Contains("https://www.googleapis.com/auth/firebase.messaging") => "scope lacks firebase.messaging",
            _ when claims.GetProperty("exp").GetInt64() < now || claims.GetProperty("iat").GetInt64() > now + 60 => "assertion expired or from the future",
            _ => null,
        };
    }

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
