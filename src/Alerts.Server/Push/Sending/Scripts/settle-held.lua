-- After a pass over the alert's woken devices (or when nobody may be woken any more: the alert was retracted
-- or expired, and the caller emptied the held set first): due again when the next held device wakes, or, with
-- none left, out of the held index and no longer pending. Returns how many devices are still held.
local deliveryKey, heldKey, unseenKey, heldIndexKey, heldEventKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local alertId = ARGV[1]

local firstToWake = redis.call('ZRANGE', heldKey, 0, 0, 'WITHSCORES')
if #firstToWake > 0 then
  redis.call('ZADD', heldIndexKey, firstToWake[2], alertId)
  return redis.call('ZCARD', heldKey)
end
redis.call('DEL', unseenKey, heldEventKey)
if redis.call('ZREM', heldIndexKey, alertId) == 1 then
  redis.call('HINCRBY', deliveryKey, DELIVERY.PendingJobs, -1)
end
return 0
