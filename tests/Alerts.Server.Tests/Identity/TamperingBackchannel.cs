using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Alerts.Server.Tests.Identity;

/// <summary>
/// Sits between a node and the real provider (the node's OpenID Connect backchannel): adds a second signing key of its own
/// to the provider's key set, and rewrites the ID token the token endpoint returns as <see cref="Mode"/> says. The real
/// provider never signs a token for another audience or issuer; this produces exactly those, validly signed.
/// </summary>
public sealed class TamperingBackchannel() : DelegatingHandler(new HttpClientHandler())
{
    private const string IntruderKeyId = "intruder";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = IntruderKeyId };

    public TamperedIdToken Mode { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/jwks", StringComparison.Ordinal))
        {
            var set = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = IntruderKeyId });
            set["keys"]!.AsArray().Add(new JsonObject { ["kty"] = "RSA", ["kid"] = IntruderKeyId, ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E });
            response.Content = Json(set);
        }
        else if (path.EndsWith("/token", StringComparison.Ordinal) && Mode != TamperedIdToken.None && response.IsSuccessStatusCode)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            body["id_token"] = Rewrite(body["id_token"]!.GetValue<string>());
            response.Content = Json(body);
        }

        return response;
    }

    private string Rewrite(string idToken)
    {
        var parts = idToken.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        switch (Mode)
        {
            case TamperedIdToken.OtherAudience:
                payload["aud"] = "another-client";
                break;
            case TamperedIdToken.OtherIssuer:
                payload["iss"] = "http://127.0.0.1:1/another-provider";
                break;
            case TamperedIdToken.BadSignature:
                payload["name"] = "Someone Else";
                return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
        }

        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), new SigningCredentials(_key, SecurityAlgorithms.RsaSha256));
    }

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
