using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Server.WebPush;

/// <summary>A browser's push subscription: where to POST (its push service's endpoint) and the keys to encrypt for.</summary>
internal sealed record WebPushSubscription(string Endpoint, string P256dh, string Auth)
{
    public const string IdPrefix = "wp_";

    /// <summary>The device id of the subscription: stable for its endpoint, so subscribing again updates rather than adds.</summary>
    public string Id => IdOf(Endpoint);

    public static string IdOf(string endpoint) => IdPrefix + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint)));

    public static bool IsId(string token) => token.StartsWith(IdPrefix, StringComparison.Ordinal);
}
