-- Moves the cursor past a delivered (or skipped, or given up) event and forgets its retries and progress,
-- only for the lease holder: a node that lost its lease changes nothing.
local lease = KEYS[1]
local cursor = KEYS[2]
local retry = KEYS[3]
local sent = KEYS[4]
local holder = ARGV[1]
local seq = ARGV[2]

if redis.call('GET', lease) ~= holder then
  return 0
end
redis.call('SET', cursor, seq)
redis.call('DEL', retry, sent)
return 1
