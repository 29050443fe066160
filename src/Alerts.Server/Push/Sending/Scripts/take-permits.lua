-- Takes up to a chunk of send permits from the deployment-wide window; returns how many were granted.
-- Permits past the window's allowance are refused, so no window is ever overdrawn.
local windowKey = KEYS[1]
local chunk, permitsPerWindow, counterLifetimeMs = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]

local used = redis.call('INCRBY', windowKey, chunk)
if used == chunk then redis.call('PEXPIRE', windowKey, counterLifetimeMs) end
local usedBefore = used - chunk
if usedBefore >= permitsPerWindow then return 0 end
return math.min(used, permitsPerWindow) - usedBefore
