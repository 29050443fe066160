-- The legacy layout's profile bookkeeping, kept for the upgrade (DeviceLayoutUpgrade): moves a token
-- from the profile it was counted under to its new one ('' when it is forgotten).
local profileOfKey = KEYS[1]
local profileCountsKey = KEYS[2]
local token = ARGV[1]
local newProfile = ARGV[2]

local oldProfile = redis.call('HGET', profileOfKey, token)
if oldProfile == newProfile then return 0 end
if oldProfile then
  if redis.call('HINCRBY', profileCountsKey, oldProfile, -1) <= 0 then redis.call('HDEL', profileCountsKey, oldProfile) end
end
if newProfile == '' then
  redis.call('HDEL', profileOfKey, token)
else
  redis.call('HSET', profileOfKey, token, newProfile)
  redis.call('HINCRBY', profileCountsKey, newProfile, 1)
end
return 1
