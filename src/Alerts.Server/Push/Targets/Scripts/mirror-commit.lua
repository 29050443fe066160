-- Removes the topic changes Instance ID took from the list and frees the lock, only if this node still holds it.
local lockKey, changesKey = KEYS[1], KEYS[2]
local owner, changesSent = ARGV[1], ARGV[2]

if redis.call('GET', lockKey) ~= owner then return 0 end
redis.call('LTRIM', changesKey, changesSent, -1)
redis.call('DEL', lockKey)
return 1
