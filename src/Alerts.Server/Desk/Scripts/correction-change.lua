-- One compare-and-set step on a published alert's pending correction: of two chiefs approving at
-- once, or an approval racing a further edit, one wins and the other sees a changed revision.
local correctionsKey = KEYS[1]
local revisionsKey = KEYS[2]

local alertId = ARGV[1]
local expectedRevision = tonumber(ARGV[2])
local recordJson = ARGV[3]          -- '' when the correction ends (approved, rejected, cancelled)

local revision = tonumber(redis.call('HGET', revisionsKey, alertId) or '0')
if revision ~= expectedRevision then return 0 end

if recordJson == '' then
  redis.call('HDEL', correctionsKey, alertId)
else
  redis.call('HSET', correctionsKey, alertId, recordJson)
end
-- The revision outlives the record, so a correction submitted after one ended is never mistaken for it.
redis.call('HSET', revisionsKey, alertId, revision + 1)
return 1
