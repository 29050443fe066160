-- Extends this node's lease on a job, or hands the job back (due at the given time) with its progress kept.
local queueKey, jobKey = KEYS[1], KEYS[2]
local jobId, leaseId, scoreMs, handBack = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

if redis.call('HGET', jobKey, JOB.Lease) ~= leaseId then return 0 end
redis.call('ZADD', queueKey, 'XX', scoreMs, jobId)
if handBack == '1' then
  local waiting = PHASE.Queued
  if redis.call('HGET', jobKey, JOB.Phase) == PHASE.Releasing then waiting = PHASE.Held end
  redis.call('HDEL', jobKey, JOB.Lease, JOB.Owner)
  redis.call('HSET', jobKey, JOB.Phase, waiting)
end
return 1
