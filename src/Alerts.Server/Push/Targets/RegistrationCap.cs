using Alerts.Server.Storage;
using Alerts.Server.WebPush;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// How many registrations, phones and browsers together, the store may hold: on the embedded Garnet
/// <see cref="EmbeddedStoreOptions.MaxRegistrations"/>, on Redis no limit. The registration scripts check it in
/// the same step as the insert, so concurrent registrations cannot pass it together; this class hands them the
/// limit and the other registry's key, and warns once as the registry nears the limit.
/// </summary>
internal sealed class RegistrationCap
{
    // A fifth of the cap left: for an app that grows by registrations, time to move to Redis before refusals.
    private const double WarningShare = 0.8;

    private readonly PushKeys _pushKeys;
    private readonly WebPushKeys _webPushKeys;
    private readonly ILogger<RegistrationCap> _logger;
    private int _warned;

    public RegistrationCap(IConfiguration configuration, IOptions<EmbeddedStoreOptions> embedded, PushKeys pushKeys, WebPushKeys webPushKeys, ILogger<RegistrationCap> logger)
    {
        Limit = string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")) ? embedded.Value.MaxRegistrations : 0;
        _pushKeys = pushKeys;
        _webPushKeys = webPushKeys;
        _logger = logger;
    }

    /// <summary>The most registrations the store may hold; 0 when there is no cap.</summary>
    public long Limit { get; }

    /// <summary>
    /// The phones' registration script's keys with, under a cap, the browsers' registrations added, which the
    /// script counts too. Only then: the two registries are in different Redis Cluster slots, and the cap is only
    /// on the embedded store, which is one node.
    /// </summary>
    public RedisKey[] ForPhones(RedisKey[] keys) => Limit > 0 ? [.. keys, _webPushKeys.Records] : keys;

    /// <summary>Like <see cref="ForPhones"/>, for the browsers' script: the phones' registrations added.</summary>
    public RedisKey[] ForBrowsers(RedisKey[] keys) => Limit > 0 ? [.. keys, _pushKeys.DeviceRecords] : keys;

    /// <summary>Notes how many registrations the store holds after a new one; logs once when that passes 80 % of the cap.</summary>
    public void Note(long registrations)
    {
        if (Limit > 0 && registrations >= Limit * WarningShare && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            PushLog.RegistrationsNearCap(_logger, registrations, Limit);
        }
    }
}
