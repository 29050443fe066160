-- Saves how far the lease holder got through the item at the cursor (an outlet's own targets) and renews
-- the lease in the same step, and forgets the targets noted inside the page, now behind the progress; a node
-- that lost the lease changes nothing. 1 when saved.
local lease = KEYS[1]
local retry = KEYS[2]
local sent = KEYS[3]
local holder = ARGV[1]
local leaseMs = ARGV[2]
local seq = ARGV[3]
local progress = ARGV[4]

if redis.call('GET', lease) ~= holder then
  return 0
end
redis.call('PEXPIRE', lease, leaseMs)
if redis.call('HGET', retry, 'seq') ~= seq then
  redis.call('DEL', retry)
  redis.call('HSET', retry, 'seq', seq, 'attempts', 0)
end
redis.call('HSET', retry, 'progress', progress)
redis.call('DEL', sent)
return 1
