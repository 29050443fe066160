-- Stores a browser's subscription under its id and indexes it by its edition, out of the index of the
-- edition it was registered to before (the same key when it did not move). With a cap (the embedded
-- store's; 0: none) and the phones' registrations as KEYS[4], a subscription not yet registered is
-- refused while phones and browsers together hold the cap, checked in the insert's step like the phones'
-- (device-register.lua). A renewal is never refused.
-- Returns {'full'}, {'added', registrations} or {'replaced', registrations}; registrations is how many
-- phones and browsers are registered after the write, counted only under a cap.
local records, index, previousIndex, phones = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, record, cap = ARGV[1], ARGV[2], tonumber(ARGV[3])

local function registered()
  if cap == 0 then return 0 end
  return redis.call('HLEN', records) + redis.call('HLEN', phones)
end

local known = redis.call('HEXISTS', records, id) == 1
if not known and cap > 0 and registered() >= cap then return {'full'} end

if previousIndex ~= index then redis.call('ZREM', previousIndex, id) end
redis.call('ZADD', index, 0, id)
redis.call('HSET', records, id, record)
if known then return {'replaced', registered()} end
return {'added', registered()}
