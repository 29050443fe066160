-- Frees an Idempotency-Key claim only while it is still pending for this request's body, so a
-- release never deletes a claim that another request or the completed result owns.
local claimKey = KEYS[1]
local pendingValue = ARGV[1]

if redis.call('GET', claimKey) == pendingValue then return redis.call('DEL', claimKey) end
return 0
