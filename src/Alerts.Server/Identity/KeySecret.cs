using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Server.Identity;

/// <summary>A new key's secret, and the one hash of it that is ever stored.</summary>
internal static class KeySecret
{
    private const string Prefix = "alerts_";
    private const int RandomBytes = 32;

    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    public static string Sha256Of(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
