-- Appends one entry to the newsroom's audit log with the next cursor, and drops what is older
-- than the retention. A second sorted set indexes the entries by time, because the log itself is
-- ordered by cursor so that paging never skips an entry written by a node with a slower clock.
local seqKey = KEYS[1]
local logKey = KEYS[2]
local timesKey = KEYS[3]

local entryTail = ARGV[1]     -- the entry's JSON after its leading '{"seq":0,'
local atMs = tonumber(ARGV[2])
local cutoffMs = tonumber(ARGV[3])

local seq = redis.call('INCR', seqKey)
redis.call('ZADD', logKey, seq, '{"seq":' .. seq .. ',' .. entryTail)
redis.call('ZADD', timesKey, atMs, seq)

local newestExpired = redis.call('ZREVRANGEBYSCORE', timesKey, cutoffMs, '-inf', 'LIMIT', 0, 1)
if #newestExpired > 0 then
  redis.call('ZREMRANGEBYSCORE', logKey, '-inf', newestExpired[1])
  redis.call('ZREMRANGEBYSCORE', timesKey, '-inf', cutoffMs)
end

return seq
