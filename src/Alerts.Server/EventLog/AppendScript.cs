namespace Alerts.Server.EventLog;

/// <summary>
/// The Lua script behind <see cref="RedisAlertLog.AppendAsync"/>. Redis runs a script atomically, so
/// the seq assignment, the log append, the state update and the publish happen as one step, and
/// publish order is seq order. Only commands that Garnet 2.2 and Redis 7 both support.
/// </summary>
internal static class AppendScript
{
    /// <summary>The event JSON starts with this placeholder; the script puts the real seq in its place.</summary>
    public const string SeqPlaceholder = "{\"seq\":0,";

    // KEYS: 1 seq, 2 log, 3 alerts, 4 revisions, 5 ticker, 6 idempotent event, 7 epoch
    // ARGV: 1 event JSON after the placeholder, 2 alert id, 3 alert JSON, 4 expected revision,
    //       5 ticker score (-1: remove), 6 retention, 7 channel, 8 idempotent (1/0),
    //       9 idempotency TTL seconds, 10 now in Unix ms, 11 publish command (PUBLISH, SPUBLISH, or empty: the node publishes),
    //       12 the epoch to start if the log has none, 13 trace context (W3C traceparent or empty),
    //       14… pairs of (seq, event JSON): earlier events of a retracted alert, rewritten without its content
    // The published message is the trace context followed by the event; the log keeps the event alone.
    public const string Source = """
        local traceparent = ARGV[13]
        if ARGV[8] == '1' then
          local first = redis.call('GET', KEYS[6])
          if first then return {'replayed', first} end
        end
        local revision = tonumber(redis.call('HGET', KEYS[4], ARGV[2]) or '0')
        if revision ~= tonumber(ARGV[4]) then return {'conflict', tostring(revision)} end
        local epoch = redis.call('GET', KEYS[7])
        if not epoch then
          epoch = ARGV[12]
          redis.call('SET', KEYS[7], epoch)
        end
        local seq = redis.call('INCR', KEYS[1])
        local event = '{"seq":' .. seq .. ',"epoch":"' .. epoch .. '",' .. ARGV[1]
        redis.call('ZADD', KEYS[2], seq, event)
        redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[6]) + 1))
        redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
        redis.call('HSET', KEYS[4], ARGV[2], revision + 1)
        if ARGV[5] == '-1' then
          redis.call('ZREM', KEYS[5], ARGV[2])
        else
          redis.call('ZADD', KEYS[5], ARGV[5], ARGV[2])
        end
        redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', ARGV[10])
        if ARGV[8] == '1' then redis.call('SET', KEYS[6], event, 'EX', ARGV[9]) end
        for i = 14, #ARGV, 2 do
          local earlierSeq = ARGV[i]
          if redis.call('ZCOUNT', KEYS[2], earlierSeq, earlierSeq) == 1 then
            redis.call('ZREMRANGEBYSCORE', KEYS[2], earlierSeq, earlierSeq)
            redis.call('ZADD', KEYS[2], earlierSeq, ARGV[i + 1])
          end
        end
        if ARGV[11] ~= '' then redis.call(ARGV[11], ARGV[7], traceparent .. event) end
        return {'appended', event}
        """;
}
