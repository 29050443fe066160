-- Turns a page of an edition's log into push jobs and moves the edition's cursor past it, only if
-- no other node moved the cursor first: however many nodes read the log, each job is created once.
local cursorKey, queueKey = KEYS[1], KEYS[2]
local expectedCursor, newCursor, nowMs = ARGV[1], ARGV[2], ARGV[3]
local firstJobKey, keysPerJob, firstJobArg, argsPerJob = 3, 2, 4, 5

-- A missing cursor reads as no match: jobs are only ever created after a cursor was started at the log's end.
if redis.call('GET', cursorKey) ~= expectedCursor then return 0 end
for i = 0, (#KEYS - firstJobKey + 1) / keysPerJob - 1 do
  local jobKey, deliveryKey = KEYS[firstJobKey + i * keysPerJob], KEYS[firstJobKey + i * keysPerJob + 1]
  local a = firstJobArg + i * argsPerJob
  local jobId, eventJson, alertId, onlyIfPushedBefore, deliveryTtlSeconds = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  if (onlyIfPushedBefore == '0' or redis.call('EXISTS', deliveryKey) == 1) and redis.call('EXISTS', jobKey) == 0 then
    redis.call('HSET', jobKey, JOB.Event, eventJson, JOB.Alert, alertId, JOB.Cursor, '', JOB.Phase, PHASE.Queued)
    local earlierJob = redis.call('HGET', deliveryKey, DELIVERY.LastJob)
    if earlierJob then redis.call('HSET', jobKey, JOB.After, earlierJob) end
    redis.call('HSET', deliveryKey, DELIVERY.LastJob, jobId)
    redis.call('ZADD', queueKey, nowMs, jobId)
    redis.call('HINCRBY', deliveryKey, DELIVERY.PendingJobs, 1)
    redis.call('HSETNX', deliveryKey, DELIVERY.QueuedAt, nowMs)
    redis.call('EXPIRE', deliveryKey, deliveryTtlSeconds)
  end
end
redis.call('SET', cursorKey, newCursor)
return 1
