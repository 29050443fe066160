-- Ends a pushed event's pass through its targets. While devices of the alert are held for their quiet hours,
-- the alert waits in the edition's held index, due when the first of them wakes, with the event they are owed
-- (the newest); that wait counts as one pending push. Returns how many devices are held.
local itemKey, deliveryKey, sentKey, heldKey, heldIndexKey, heldEventKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local alertId, eventJson, nowMs = ARGV[1], ARGV[2], ARGV[3]

if redis.call('HEXISTS', itemKey, ITEM.Done) == 1 then return redis.call('ZCARD', heldKey) end
redis.call('HSET', itemKey, ITEM.Done, nowMs)
redis.call('DEL', sentKey)
redis.call('HINCRBY', deliveryKey, DELIVERY.PendingJobs, -1)
local firstToWake = redis.call('ZRANGE', heldKey, 0, 0, 'WITHSCORES')
if #firstToWake > 0 then
  redis.call('SET', heldEventKey, eventJson)
  local ttlSeconds = redis.call('TTL', deliveryKey)
  if ttlSeconds > 0 then redis.call('EXPIRE', heldEventKey, ttlSeconds) end
  if redis.call('ZADD', heldIndexKey, firstToWake[2], alertId) == 1 then
    redis.call('HINCRBY', deliveryKey, DELIVERY.PendingJobs, 1)
  end
end
return redis.call('ZCARD', heldKey)
