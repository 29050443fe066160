-- Counts one device's receipt of an alert's push, once per device however often it is replayed:
-- each count is a HyperLogLog of device ids (about 1 % error, 12 KB per alert at most).
-- Returns -1 when the alert was never pushed, else 1 when the receipt was new and 0 for a replay.
local deliveryKey, receivedKey, openedKey, onTimeKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local event, deviceId, nowMs, onTimeWindowMs = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])

local ttlSeconds = redis.call('TTL', deliveryKey)
if ttlSeconds == -2 then return -1 end
-- A device that opened the notification received it, even when its app could not say so on arrival.
local added = redis.call('PFADD', receivedKey, deviceId)
-- Until the first batch is recorded the alert is seconds old: a receipt then is on time.
local firstSentAt = redis.call('HGET', deliveryKey, DELIVERY.FirstSentAt)
if not firstSentAt or nowMs - tonumber(firstSentAt) <= onTimeWindowMs then
  redis.call('PFADD', onTimeKey, deviceId)
end
if event == 'opened' then added = redis.call('PFADD', openedKey, deviceId) end
if ttlSeconds > 0 then
  for _, key in ipairs({receivedKey, openedKey, onTimeKey}) do redis.call('EXPIRE', key, ttlSeconds) end
end
return added
