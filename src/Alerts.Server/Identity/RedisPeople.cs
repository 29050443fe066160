using System.Text.Json;
using Alerts.Core.Serialization;
using StackExchange.Redis;

namespace Alerts.Server.Identity;

/// <summary>The people who have signed in, by their <c>sub</c>: what a key bound to one of them needs to act as that person.</summary>
internal sealed class RedisPeople(IConnectionMultiplexer redis, IdentityKeys keys)
{
    public async Task RememberAsync(Person person, CancellationToken cancellationToken) =>
        await redis.GetDatabase().HashSetAsync(keys.People, person.Id, JsonSerializer.Serialize(person, AlertsJson.Options)).WaitAsync(cancellationToken);

    public async Task<Person?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var json = await redis.GetDatabase().HashGetAsync(keys.People, id).WaitAsync(cancellationToken);
        return json.IsNull ? null : JsonSerializer.Deserialize<Person>((string)json!, AlertsJson.Options);
    }
}
