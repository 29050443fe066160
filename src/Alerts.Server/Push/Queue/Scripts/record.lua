-- Records a finished page of a job in one step, only while this node holds the lease: the cursor,
-- the delivery counters, the devices held for their quiet hours and those this page released.
local jobKey, deliveryKey, sentKey, heldKey, unseenKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local leaseId, nextCursor, nowMs, accepted = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local heldCount, releasedCount, heldNeverSawTheAlert = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7] == '1'
local failed = tonumber(ARGV[8])
-- Then heldCount (wakes-at ms, token) pairs, releasedCount tokens, and (counter, increment) pairs.
local firstListArg = 9

if redis.call('HGET', jobKey, JOB.Lease) ~= leaseId then return 0 end
redis.call('HSET', jobKey, JOB.Cursor, nextCursor)
redis.call('HINCRBY', jobKey, JOB.Sent, accepted)
redis.call('HINCRBY', jobKey, JOB.Failed, failed)
-- A device that was just sent the alert's newest state no longer waits for it, and has seen the alert.
if redis.call('EXISTS', heldKey) == 1 then
  for _, token in ipairs(redis.call('SMEMBERS', sentKey)) do
    redis.call('ZREM', heldKey, token)
    redis.call('SREM', unseenKey, token)
  end
end
local i = firstListArg
for _ = 1, heldCount do
  local wakesAtMs, token = ARGV[i], ARGV[i + 1]
  redis.call('ZADD', heldKey, wakesAtMs, token)
  if heldNeverSawTheAlert then redis.call('SADD', unseenKey, token) end
  i = i + 2
end
for _ = 1, releasedCount do
  redis.call('ZREM', heldKey, ARGV[i])
  redis.call('SREM', unseenKey, ARGV[i])
  i = i + 1
end
while i < #ARGV do
  redis.call('HINCRBY', deliveryKey, ARGV[i], ARGV[i + 1])
  i = i + 2
end
if accepted > 0 then
  redis.call('HSETNX', deliveryKey, DELIVERY.FirstSentAt, nowMs)
  redis.call('HSET', deliveryKey, DELIVERY.LastSentAt, nowMs)
end
redis.call('DEL', sentKey)
return 1
