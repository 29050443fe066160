-- Frees the mirror's lock if this node still holds it, leaving the changes for the next round.
local lockKey = KEYS[1]
local owner = ARGV[1]

if redis.call('GET', lockKey) == owner then redis.call('DEL', lockKey) end
return 0
