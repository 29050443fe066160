-- Reads an edition's latest seq and writes it down (RedisAlertLog, with WaitReplicas). The write is
-- the point: WAIT counts the writes of the connection it runs on, and this one comes after every
-- append of that seq, whichever node made them, so a WAIT after it confirms all of them.
local seqKey = KEYS[1]
local markKey = KEYS[2]

local seq = redis.call('GET', seqKey) or '0'
redis.call('SET', markKey, seq)
return seq
