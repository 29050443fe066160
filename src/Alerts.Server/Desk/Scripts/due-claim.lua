-- Claims the waiting alerts that are due, for one node: each claimed id moves a lease into the
-- future, so no other node takes it while this one acts, and a node that dies mid-way leaves it
-- to be claimed again when the lease runs out. Publication itself is made exactly-once by the
-- log's revision check; the claim keeps nodes from racing for it.
local dueKey = KEYS[1]

local nowMs = tonumber(ARGV[1])
local leaseMs = tonumber(ARGV[2])
local batchSize = tonumber(ARGV[3])

local dueIds = redis.call('ZRANGEBYSCORE', dueKey, '-inf', nowMs, 'LIMIT', 0, batchSize)
for _, alertId in ipairs(dueIds) do
  redis.call('ZADD', dueKey, nowMs + leaseMs, alertId)
end

return dueIds
