-- Appends one event to an edition's log (RedisAlertLog.AppendAsync). Redis runs a script atomically,
-- so the seq assignment, the log append, the state update and the publish happen as one step, and
-- publish order is seq order. Only commands that Garnet 2.2 and Redis 7 both support.
local seqKey = KEYS[1]
local logKey = KEYS[2]
local alertsKey = KEYS[3]
local revisionsKey = KEYS[4]
local tickerKey = KEYS[5]
local idempotentEventKey = KEYS[6]
local epochKey = KEYS[7]

-- The event JSON after the '{"seq":0,' placeholder: the script writes the real seq and epoch in front.
local eventTail = ARGV[1]
local alertId = ARGV[2]
local alertJson = ARGV[3]
local expectedRevision = tonumber(ARGV[4])
-- The alert's ticker score (its expiry in Unix ms), or '-1' to take it off the ticker.
local tickerScore = ARGV[5]
local retention = tonumber(ARGV[6])
local channel = ARGV[7]
local idempotent = ARGV[8] == '1'
local idempotencyTtlSeconds = ARGV[9]
local nowMs = ARGV[10]
-- PUBLISH, SPUBLISH, or empty when the node publishes itself (after waiting for replicas).
local publishCommand = ARGV[11]
-- The epoch to start if the log has none yet.
local startEpoch = ARGV[12]
-- W3C traceparent or empty: the published message is the trace context followed by the event; the log keeps the event alone.
local traceparent = ARGV[13]
-- ARGV[14…] are pairs of (seq, event JSON): earlier events of a retracted alert, rewritten without its content.
local firstEarlierEvent = 14

if idempotent then
  local first = redis.call('GET', idempotentEventKey)
  if first then return {'replayed', first} end
end

local revision = tonumber(redis.call('HGET', revisionsKey, alertId) or '0')
if revision ~= expectedRevision then return {'conflict', tostring(revision)} end

local epoch = redis.call('GET', epochKey)
if not epoch then
  epoch = startEpoch
  redis.call('SET', epochKey, epoch)
end

local seq = redis.call('INCR', seqKey)
local event = '{"seq":' .. seq .. ',"epoch":"' .. epoch .. '",' .. eventTail
redis.call('ZADD', logKey, seq, event)
redis.call('ZREMRANGEBYRANK', logKey, 0, -(retention + 1))
redis.call('HSET', alertsKey, alertId, alertJson)
redis.call('HSET', revisionsKey, alertId, revision + 1)

if tickerScore == '-1' then
  redis.call('ZREM', tickerKey, alertId)
else
  redis.call('ZADD', tickerKey, tickerScore, alertId)
end
redis.call('ZREMRANGEBYSCORE', tickerKey, '-inf', nowMs)

if idempotent then redis.call('SET', idempotentEventKey, event, 'EX', idempotencyTtlSeconds) end

for i = firstEarlierEvent, #ARGV, 2 do
  local earlierSeq = ARGV[i]
  if redis.call('ZCOUNT', logKey, earlierSeq, earlierSeq) == 1 then
    redis.call('ZREMRANGEBYSCORE', logKey, earlierSeq, earlierSeq)
    redis.call('ZADD', logKey, earlierSeq, ARGV[i + 1])
  end
end

if publishCommand ~= '' then redis.call(publishCommand, channel, traceparent .. event) end
return {'appended', event}
