-- Ends a job whose targets are all done. While devices of the alert are held for their quiet hours
-- (and the job may keep them), it waits as the alert's held job, due when the first of them wakes.
-- Returns 0 when the lease was lost, 1 when done, 2 when held.
local queueKey, jobKey, deliveryKey, sentKey, heldKey, unseenKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local jobId, leaseId, keepHeld = ARGV[1], ARGV[2], ARGV[3] == '1'

if redis.call('HGET', jobKey, JOB.Lease) ~= leaseId then return 0 end
redis.call('DEL', sentKey)
if keepHeld then
  local firstToWake = redis.call('ZRANGE', heldKey, 0, 0, 'WITHSCORES')
  if #firstToWake > 0 then
    redis.call('HSET', jobKey, JOB.Phase, PHASE.Held, JOB.Cursor, '')
    redis.call('HDEL', jobKey, JOB.Lease, JOB.Owner)
    redis.call('ZADD', queueKey, firstToWake[2], jobId)
    return 2
  end
end
-- Done, expired or retracted: nobody waits for this alert any more.
redis.call('ZREM', queueKey, jobId)
redis.call('DEL', jobKey, heldKey, unseenKey)
redis.call('HINCRBY', deliveryKey, DELIVERY.PendingJobs, -1)
return 1
