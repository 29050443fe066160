-- Raises an edition's confirmed seq (RedisAlertLog, with WaitReplicas): the newest seq that the
-- replicas are known to have. Readers see the log up to it only, so nothing a failover can still
-- lose is shown. Only ever raised: confirmations of two nodes may arrive out of order.
local confirmedKey = KEYS[1]
local seq = tonumber(ARGV[1])

if tonumber(redis.call('GET', confirmedKey) or '0') < seq then redis.call('SET', confirmedKey, seq) end
return 1
