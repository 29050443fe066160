-- Frees the lease if this holder still has it, so another node need not wait for it to expire.
local lease = KEYS[1]
local holder = ARGV[1]

if redis.call('GET', lease) == holder then
  return redis.call('DEL', lease)
end
return 0
