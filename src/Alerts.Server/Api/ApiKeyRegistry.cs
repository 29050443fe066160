using System.Security.Cryptography;
using System.Text;
using Alerts.Core.Desk;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Api;

/// <summary>Finds the key a presented API key is, in time independent of where (or whether) it matches.</summary>
internal sealed class ApiKeyRegistry
{
    private readonly (byte[] Hash, KeyGrant Grant)[] _keys;

    public ApiKeyRegistry(IOptions<ApiKeysOptions> options) =>
        _keys = options.Value.Keys.Select(k => (Convert.FromHexString(k.Value.Sha256), GrantOf(k.Key, k.Value))).ToArray();

    /// <summary>Every key the configuration names, for the admins' list.</summary>
    public IEnumerable<KeyGrant> Grants => _keys.Select(k => k.Grant);

    public KeyGrant? Find(string presentedKey)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        KeyGrant? found = null;
        // Compare against every key, never stopping early, so timing tells nothing about which matched.
        foreach (var (hash, grant) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                found = grant;
            }
        }

        return found;
    }

    private static KeyGrant GrantOf(string name, ApiKeyOptions options)
    {
        // The options validator admits only the three role names.
        KeyGrant.TryParseRole(options.Role, out var role);
        return new KeyGrant(name, role, options.Editions.Count == 0 ? null : options.Editions.ToHashSet(StringComparer.Ordinal));
    }
}
