-- Forgets a registration: its record, its two index entries and its profile count. With an expected
-- record (the sweep's), only if the stored one is still that one: a renewal in between keeps it.
-- Returns the removed record, if any.
local records, editions, expiries, counts = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, expected = ARGV[1], ARGV[2]

local record = redis.call('HGET', records, id)
if not record then
  redis.call('ZREM', expiries, id)
  return false
end
if expected ~= '' and record ~= expected then return false end

local profile = string.match(record, '^[^\t]*')
redis.call('ZREM', editions, string.match(profile, '^[^|]*') .. '/' .. id)
redis.call('ZREM', expiries, id)
redis.call('HDEL', records, id)
if redis.call('HINCRBY', counts, profile, -1) <= 0 then redis.call('HDEL', counts, profile) end
return record
