using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting.Limits;

/// <summary>How many live connections each client address holds on this node, bounded by <see cref="LimitsOptions.ConnectionsPerAddress"/>.</summary>
internal sealed class AddressConnections(IOptions<LimitsOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _held = new(StringComparer.Ordinal);
    private readonly int _limit = options.Value.ConnectionsPerAddress;

    /// <summary>Counts one more connection of <paramref name="address"/>, unless it holds the limit already.</summary>
    public bool TryOpen(string address)
    {
        while (true)
        {
            if (_held.TryGetValue(address, out var held))
            {
                if (held >= _limit)
                {
                    return false;
                }

                if (_held.TryUpdate(address, held + 1, held))
                {
                    return true;
                }
            }
            else if (_held.TryAdd(address, 1))
            {
                return true;
            }
        }
    }

    public void Close(string address)
    {
        while (true)
        {
            var held = _held[address];
            // The last one out removes the entry: a node that saw millions of addresses keeps only the connected ones.
            if (held == 1 ? _held.TryRemove(new KeyValuePair<string, int>(address, 1)) : _held.TryUpdate(address, held - 1, held))
            {
                return;
            }
        }
    }
}
