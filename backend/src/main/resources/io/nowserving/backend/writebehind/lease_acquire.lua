-- lease_acquire.lua: takes the write-behind lease when nobody holds it (DESIGN.md invariant 4).
-- KEYS[1] <prefix>{lease}:cfg — an anchor only (never written): k('history') is the lease hash {holder, token}
--         whose TTL is the lease's expiry, k('fence') the fencing counter (no expiry).
-- ARGV[1] holder id (this instance)  ARGV[2] TTL ms  ARGV[3] SQL writer_fence token (the floor)
-- Result: the fencing token (a number as text) when this holder now holds the lease — a new token, being
-- max(counter, floor) + 1, so a wiped or restored Redis never hands out a token SQL has seen; or the token it
-- already held when the holder asks again; or "held" when another holder has it.
local lease, fence = k('history'), k('fence')
local holder = redis.call('HGET', lease, 'holder')
if holder then
  if holder == ARGV[1] then return redis.call('HGET', lease, 'token') end
  return 'held'
end
local token = math.max(tonumber(redis.call('GET', fence) or '0'), tonumber(ARGV[3])) + 1
redis.call('SET', fence, token)
redis.call('DEL', lease)
redis.call('HSET', lease, 'holder', ARGV[1], 'token', token)
redis.call('PEXPIRE', lease, ARGV[2])
return tostring(token)
