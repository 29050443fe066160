-- Records a finished page of a pushed event in one step (the outbox saved the page's progress under its lease
-- just before): the delivery counters, the devices held for their quiet hours and those this page released.
-- Devices held from an alert's first push (a published event) have seen nothing of it: they are noted unseen.
local itemKey, deliveryKey, sentKey, heldKey, unseenKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local eventType, nowMs, accepted = ARGV[1], ARGV[2], tonumber(ARGV[3])
local heldCount, releasedCount, failed = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
-- Then heldCount (wakes-at ms, token) pairs, releasedCount tokens, and (counter, increment) pairs.
local firstListArg = 7
local heldNeverSawTheAlert = eventType == 'published'

redis.call('HINCRBY', itemKey, ITEM.Sent, accepted)
redis.call('HINCRBY', itemKey, ITEM.Failed, failed)
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
