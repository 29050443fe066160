-- Settles an Idempotency-Key claim only while it is still pending for this request's body, so a
-- settle never touches a claim that another request or a completed result owns. A request that
-- may have stored its result marks the key done (its retry is replayed from the stored result,
-- another body is refused); one that stored nothing frees it.
local claimKey = KEYS[1]
local pendingValue = ARGV[1]
local doneValue = ARGV[2]       -- '' frees the key
local doneTtlSeconds = ARGV[3]

if redis.call('GET', claimKey) ~= pendingValue then return 0 end
if doneValue == '' then return redis.call('DEL', claimKey) end
redis.call('SET', claimKey, doneValue, 'EX', doneTtlSeconds)
return 1
