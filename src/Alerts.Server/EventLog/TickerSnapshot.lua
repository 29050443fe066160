-- The ticker at one moment (RedisAlertLog): the edition's latest seq and the stored state of every
-- line still on the ticker, read together, so the caller knows exactly which appends the states
-- include and, with WaitReplicas, can hold back what the replicas have not confirmed.
local seqKey = KEYS[1]
local tickerKey = KEYS[2]
local alertsKey = KEYS[3]
local afterMs = ARGV[1]

local reply = { redis.call('GET', seqKey) or '0' }
for _, id in ipairs(redis.call('ZRANGEBYSCORE', tickerKey, '(' .. afterMs, '+inf')) do
  local state = redis.call('HGET', alertsKey, id)
  if state then reply[#reply + 1] = state end
end
return reply
