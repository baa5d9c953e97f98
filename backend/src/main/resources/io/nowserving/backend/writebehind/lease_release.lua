-- lease_release.lua: gives the lease up at shutdown so another instance takes over at once; only the owner may.
-- KEYS[1] <prefix>{lease}:cfg (anchor, see lease_acquire.lua)
-- ARGV[1] holder id  ARGV[2] fencing token held
-- Result: "released" or "not_held". The fencing counter is kept.
local lease = k('history')
local v = redis.call('HMGET', lease, 'holder', 'token')
if v[1] ~= ARGV[1] or v[2] ~= ARGV[2] then return 'not_held' end
redis.call('DEL', lease)
return 'released'
