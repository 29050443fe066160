-- Moves an edition's log to a new epoch, if it is still the one the caller saw go backwards: every
-- node that saw the same rewind asks, the first one wins, and the others adopt its epoch.
local epochKey = KEYS[1]
local seenEpoch = ARGV[1]
local newEpoch = ARGV[2]

local current = redis.call('GET', epochKey) or ''
if current == seenEpoch then
  redis.call('SET', epochKey, newEpoch)
  return newEpoch
end
return current
