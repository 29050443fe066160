-- Stores a registration (StoredDevice: its profile field first) under the token's id, indexes the id by
-- edition and by expiry, and moves the profile count from the stored record's profile to the new one,
-- all at once, so the counts stay exact however registrations, renewals and removals interleave.
-- With onlyIfAbsent = '1' (the legacy upgrade) an existing record wins and nothing is written.
-- With a cap (the embedded store's; 0: none) and the browsers' registrations as KEYS[5], a token not yet
-- registered is refused while phones and browsers together hold the cap; checked here, in the insert's
-- step, so concurrent registrations cannot pass it together. A renewal is never refused.
-- Returns {'kept'}, {'full'}, {'added', registrations} or {'replaced', registrations, previous record};
-- registrations is how many phones and browsers are registered after the write, counted only under a cap.
local records, editions, expiries, counts, browsers = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local id, record, expiresAt, onlyIfAbsent, cap = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])

local function profileOf(stored) return string.match(stored, '^[^\t]*') end
local function editionMember(stored) return string.match(stored, '^[^|]*') .. '/' .. id end
local function registered()
  if cap == 0 then return 0 end
  return redis.call('HLEN', records) + redis.call('HLEN', browsers)
end

local previous = redis.call('HGET', records, id)
if previous and onlyIfAbsent == '1' then return {'kept'} end
if not previous and cap > 0 and registered() >= cap then return {'full'} end

local profile = profileOf(record)
if previous then
  if editionMember(previous) ~= editionMember(record) then redis.call('ZREM', editions, editionMember(previous)) end
  local previousProfile = profileOf(previous)
  if previousProfile ~= profile then
    if redis.call('HINCRBY', counts, previousProfile, -1) <= 0 then redis.call('HDEL', counts, previousProfile) end
    redis.call('HINCRBY', counts, profile, 1)
  end
else
  redis.call('HINCRBY', counts, profile, 1)
end

redis.call('HSET', records, id, record)
redis.call('ZADD', editions, 0, editionMember(record))
redis.call('ZADD', expiries, expiresAt, id)
if previous then return {'replaced', registered(), previous} end
return {'added', registered()}
