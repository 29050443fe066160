-- Stores a registration (StoredDevice: its profile field first) under the token's id, indexes the id by
-- edition and by expiry, and moves the profile count from the stored record's profile to the new one,
-- all at once, so the counts stay exact however registrations, renewals and removals interleave.
-- Returns the record it replaced, if any. With onlyIfAbsent = '1' (the legacy upgrade) an existing
-- record wins and nothing is written.
local records, editions, expiries, counts = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, record, expiresAt, onlyIfAbsent = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

local function profileOf(stored) return string.match(stored, '^[^\t]*') end
local function editionMember(stored) return string.match(stored, '^[^|]*') .. '/' .. id end

local previous = redis.call('HGET', records, id)
if previous and onlyIfAbsent == '1' then return false end

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
return previous
