using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm;

/// <summary>The fields of a Google service-account key file this client needs, read and checked once at start.</summary>
internal sealed record ServiceAccountKey
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("client_email")]
    public string? ClientEmail { get; init; }

    [JsonPropertyName("private_key")]
    public string? PrivateKey { get; init; }

    [JsonPropertyName("private_key_id")]
    public string? PrivateKeyId { get; init; }

    [JsonPropertyName("token_uri")]
    public string? TokenUri { get; init; }

    /// <summary>Reads <paramref name="path"/>; the error says what is wrong in words an operator can act on.</summary>
    public static ServiceAccountKey? TryRead(string path, out string? error)
    {
        ServiceAccountKey? key;
        try
        {
            key = JsonSerializer.Deserialize<ServiceAccountKey>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot be read ({e.Message}).";
            return null;
        }
        catch (JsonException e)
        {
            error = $"is not JSON ({e.Message}).";
            return null;
        }

        error = key switch
        {
            null => "is empty.",
            { Type: not "service_account" } => $"must be a service-account key (\"type\": \"service_account\"), not '{key.Type}'.",
            { ClientEmail: null or "" } => "has no client_email.",
            { PrivateKey: null or "" } => "has no private_key.",
            _ when !IsRsaKey(key.PrivateKey) => "has a private_key that is not a PEM RSA key.",
            _ => null,
        };
        return error is null ? key : null;
    }

    private static bool IsRsaKey(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}
