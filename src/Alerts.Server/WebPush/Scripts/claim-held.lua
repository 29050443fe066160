-- Claims the held subscriptions whose quiet hours have ended: moves each out of reach for the lease,
-- so one node at a time sends to it; a node that dies leaves it due again when the lease lapses.
local held = KEYS[1]
local now = tonumber(ARGV[1])
local leaseUntil = tonumber(ARGV[2])
local count = tonumber(ARGV[3])

local due = redis.call('ZRANGEBYSCORE', held, '-inf', now, 'LIMIT', 0, count)
for _, member in ipairs(due) do
    redis.call('ZADD', held, 'XX', leaseUntil, member)
end
return due
