-- Takes the lease when it is free, renews it when this holder has it; 1 when held after the call.
local lease = KEYS[1]
local holder = ARGV[1]
local leaseMs = ARGV[2]

local current = redis.call('GET', lease)
if current == holder then
  redis.call('PEXPIRE', lease, leaseMs)
  return 1
end
if not current then
  redis.call('SET', lease, holder, 'PX', leaseMs)
  return 1
end
return 0
