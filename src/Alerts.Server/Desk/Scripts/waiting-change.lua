-- One compare-and-set step in a waiting alert's life. The revision check makes every step atomic
-- against every other: of two chiefs approving at once, or an approval racing a cancel, one wins
-- and the other sees a changed revision. The due queue moves in the same step, so an alert is on
-- it exactly while the server must act on it by itself.
local waitingKey = KEYS[1]
local revisionsKey = KEYS[2]
local dueKey = KEYS[3]
local idempotencyKey = KEYS[4]

local alertId = ARGV[1]
local expectedRevision = tonumber(ARGV[2])
local recordJson = ARGV[3]          -- '' when the alert leaves the desk (it is in the log now)
local dueAtMs = ARGV[4]             -- '' takes the alert off the due queue
local idempotencyValue = ARGV[5]    -- '' when the request carried no Idempotency-Key
local idempotencyTtlSeconds = ARGV[6]

if idempotencyValue ~= '' then
  local first = redis.call('GET', idempotencyKey)
  if first then return {'replayed', first} end
end

local revision = tonumber(redis.call('HGET', revisionsKey, alertId) or '0')
if revision ~= expectedRevision then return {'conflict', tostring(revision)} end

if recordJson == '' then
  redis.call('HDEL', waitingKey, alertId)
  redis.call('HDEL', revisionsKey, alertId)
else
  redis.call('HSET', waitingKey, alertId, recordJson)
  redis.call('HSET', revisionsKey, alertId, revision + 1)
end

if dueAtMs == '' then
  redis.call('ZREM', dueKey, alertId)
else
  redis.call('ZADD', dueKey, dueAtMs, alertId)
end

if idempotencyValue ~= '' then
  redis.call('SET', idempotencyKey, idempotencyValue, 'EX', idempotencyTtlSeconds)
end

return {'changed', tostring(revision + 1)}
