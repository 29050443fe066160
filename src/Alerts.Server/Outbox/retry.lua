-- Records a failed attempt of the item at the cursor, so whichever node holds the lease next
-- keeps the same schedule and the same give-up limit (and the outlet's saved progress, if any).
local lease = KEYS[1]
local retry = KEYS[2]
local holder = ARGV[1]
local seq = ARGV[2]
local attempts = ARGV[3]
local firstFailedAtMs = ARGV[4]
local nextAttemptAtMs = ARGV[5]

if redis.call('GET', lease) ~= holder then
  return 0
end
redis.call('HSET', retry, 'seq', seq, 'attempts', attempts, 'firstFailedAt', firstFailedAtMs, 'nextAttemptAt', nextAttemptAtMs)
return 1
