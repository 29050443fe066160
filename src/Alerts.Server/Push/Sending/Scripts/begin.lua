-- Begins an attempt at a pushed event. The first attempt counts the alert's push as pending once, however
-- many attempts and nodes follow; an event whose pass already ended is not sent again.
local itemKey, deliveryKey = KEYS[1], KEYS[2]
local nowMs, ttlSeconds = ARGV[1], ARGV[2]

if redis.call('HEXISTS', itemKey, ITEM.Done) == 1 then return 'AlreadyDone' end
if redis.call('HSETNX', itemKey, ITEM.Started, nowMs) == 0 then return 'Resumed' end
redis.call('EXPIRE', itemKey, ttlSeconds)
redis.call('HINCRBY', deliveryKey, DELIVERY.PendingJobs, 1)
redis.call('HSETNX', deliveryKey, DELIVERY.QueuedAt, nowMs)
redis.call('EXPIRE', deliveryKey, ttlSeconds)
return 'Started'
