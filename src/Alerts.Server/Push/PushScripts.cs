namespace Alerts.Server.Push;

/// <summary>
/// The queue's Lua scripts: each checks and changes in one atomic step, so two nodes never both
/// create a job or both hold its lease. Only commands Garnet 2.2 and Redis 7 both support.
/// </summary>
internal static class PushScripts
{
    // KEYS: 1 cursor, 2 queue, then per job: job, delivery
    // ARGV: 1 expected cursor, 2 new cursor, 3 now ms, then per job: id, event JSON, only-if-pushed (1/0), delivery TTL s
    public const string Enqueue = """
        if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
        local jobs = (#KEYS - 2) / 2
        for i = 0, jobs - 1 do
          local job, delivery = KEYS[3 + i * 2], KEYS[4 + i * 2]
          local a = 4 + i * 4
          if ARGV[a + 2] == '0' or redis.call('EXISTS', delivery) == 1 then
            if redis.call('EXISTS', job) == 0 then
              redis.call('HSET', job, 'event', ARGV[a + 1], 'cursor', '')
              local previous = redis.call('HGET', delivery, 'lastJob')
              if previous then redis.call('HSET', job, 'after', previous) end
              redis.call('HSET', delivery, 'lastJob', ARGV[a])
              redis.call('ZADD', KEYS[2], ARGV[3], ARGV[a])
              redis.call('HINCRBY', delivery, 'pendingJobs', 1)
              redis.call('HSETNX', delivery, 'queuedAt', ARGV[3])
              redis.call('EXPIRE', delivery, ARGV[a + 3])
            end
          end
        end
        redis.call('SET', KEYS[1], ARGV[2])
        return 1
        """;

    // KEYS: 1 queue, 2 job, 3 the job of the same alert queued before it (or the job itself)
    // ARGV: 1 job id, 2 now ms, 3 lease deadline ms, 4 lease id, 5 owner, 6 has an earlier job (1/0)
    // A job waits for the alert's earlier job, so a correction or retraction never overtakes what it replaces.
    public const string Lease = """
        local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if not due or tonumber(due) > tonumber(ARGV[2]) then return false end
        if ARGV[6] == '1' and redis.call('EXISTS', KEYS[3]) == 1 then return false end
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
        redis.call('HSET', KEYS[2], 'lease', ARGV[4], 'owner', ARGV[5])
        redis.call('HINCRBY', KEYS[2], 'leases', 1)
        return {redis.call('HGET', KEYS[2], 'event'), redis.call('HGET', KEYS[2], 'cursor'), redis.call('HGET', KEYS[2], 'leases'), redis.call('HGET', KEYS[2], 'phase') or ''}
        """;

    // KEYS: 1 queue, 2 job. ARGV: 1 job id, 2 lease id, 3 new deadline (or due time when releasing), 4 release (1/0)
    public const string Renew = """
        if redis.call('HGET', KEYS[2], 'lease') ~= ARGV[2] then return 0 end
        redis.call('ZADD', KEYS[1], 'XX', ARGV[3], ARGV[1])
        if ARGV[4] == '1' then redis.call('HDEL', KEYS[2], 'lease', 'owner') end
        return 1
        """;

    // KEYS: 1 job, 2 delivery, 3 sent, 4 held
    // ARGV: 1 lease id, 2 new cursor, 3 now ms, 4 accepted in this batch, 5 held to add (n), 6 held to remove (m),
    //       then n score/token pairs, m tokens, and counter name/increment pairs
    public const string Record = """
        if redis.call('HGET', KEYS[1], 'lease') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'cursor', ARGV[2])
        local adds, removes = tonumber(ARGV[5]), tonumber(ARGV[6])
        local i = 7
        for _ = 1, adds do redis.call('ZADD', KEYS[4], ARGV[i], ARGV[i + 1]); i = i + 2 end
        for _ = 1, removes do redis.call('ZREM', KEYS[4], ARGV[i]); i = i + 1 end
        while i < #ARGV do redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1]); i = i + 2 end
        if tonumber(ARGV[4]) > 0 then
          redis.call('HSETNX', KEYS[2], 'firstSentAt', ARGV[3])
          redis.call('HSET', KEYS[2], 'lastSentAt', ARGV[3])
        end
        redis.call('DEL', KEYS[3])
        return 1
        """;

    // KEYS: 1 queue, 2 job, 3 delivery, 4 sent, 5 held. ARGV: 1 job id, 2 lease id, 3 keep held targets (1/0)
    // With devices held back by quiet hours, the job stays queued, due when the first of them wakes.
    public const string Complete = """
        if redis.call('HGET', KEYS[2], 'lease') ~= ARGV[2] then return 0 end
        local first = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
        if ARGV[3] == '1' and #first > 0 then
          redis.call('HSET', KEYS[2], 'phase', 'held', 'cursor', '')
          redis.call('HDEL', KEYS[2], 'lease', 'owner')
          redis.call('ZADD', KEYS[1], first[2], ARGV[1])
          redis.call('DEL', KEYS[4])
          return 2
        end
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('DEL', KEYS[2], KEYS[4], KEYS[5])
        redis.call('HINCRBY', KEYS[3], 'pendingJobs', -1)
        return 1
        """;
}
