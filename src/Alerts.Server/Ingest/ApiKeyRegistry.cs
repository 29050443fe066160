using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Ingest;

/// <summary>Finds the editor a presented API key belongs to, in time independent of where (or whether) it matches.</summary>
internal sealed class ApiKeyRegistry
{
    private readonly (string Name, byte[] Hash, string Role)[] _keys;

    public ApiKeyRegistry(IOptions<ApiKeysOptions> options) =>
        _keys = options.Value.Keys.Select(k => (k.Key, Convert.FromHexString(k.Value.Sha256), k.Value.Role)).ToArray();

    public (string Name, string Role)? Find(string presentedKey)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        (string, string)? found = null;
        // Compare against every key, never stopping early, so timing tells nothing about which matched.
        foreach (var (name, hash, role) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                found = (name, role);
            }
        }

        return found;
    }
}
