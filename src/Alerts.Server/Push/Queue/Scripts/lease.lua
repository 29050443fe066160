-- Leases a due job to this node. A job waits while the alert's earlier job sends, so a correction
-- never overtakes what it replaces; an earlier job that only waits for devices' quiet hours is
-- superseded instead (this job now owns the alert's held devices and sends them the newest state),
-- and a held job that is no longer the alert's newest is dropped rather than sending stale text.
local queueKey, jobKey, earlierJobKey, deliveryKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local jobId, nowMs, leaseDeadlineMs, leaseId, owner, earlierJobId = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]

local function supersede(key, id)
  redis.call('ZREM', queueKey, id)
  redis.call('DEL', key)
  redis.call('HINCRBY', deliveryKey, DELIVERY.PendingJobs, -1)
end

local due = redis.call('ZSCORE', queueKey, jobId)
if not due or tonumber(due) > tonumber(nowMs) then return false end
local phase = redis.call('HGET', jobKey, JOB.Phase)
if phase == PHASE.Held and redis.call('HGET', deliveryKey, DELIVERY.LastJob) ~= jobId then
  supersede(jobKey, jobId)
  return false
end
if earlierJobId ~= '' then
  local earlierPhase = redis.call('HGET', earlierJobKey, JOB.Phase)
  if earlierPhase == PHASE.Held then
    supersede(earlierJobKey, earlierJobId)
  elseif earlierPhase then
    return false
  end
end

local leasedPhase = PHASE.Sending
if phase == PHASE.Held or phase == PHASE.Releasing then leasedPhase = PHASE.Releasing end
redis.call('ZADD', queueKey, leaseDeadlineMs, jobId)
redis.call('HSET', jobKey, JOB.Lease, leaseId, JOB.Owner, owner, JOB.Phase, leasedPhase)
local leases = redis.call('HINCRBY', jobKey, JOB.Leases, 1)
return {redis.call('HGET', jobKey, JOB.Event), redis.call('HGET', jobKey, JOB.Cursor), leases, leasedPhase}
