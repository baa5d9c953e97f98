-- lease_renew.lua: extends the lease, only while this holder still owns it with this token.
-- KEYS[1] <prefix>{lease}:cfg (anchor, see lease_acquire.lua)
-- ARGV[1] holder id  ARGV[2] fencing token held  ARGV[3] TTL ms
-- Result: "renewed", or "lost" (expired, taken by another holder, or wiped).
local lease = k('history')
local v = redis.call('HMGET', lease, 'holder', 'token')
if v[1] ~= ARGV[1] or v[2] ~= ARGV[2] then return 'lost' end
redis.call('PEXPIRE', lease, ARGV[3])
return 'renewed'
