-- session_touch.lua: reads a staff session and slides its expiry (and that of its user's session set).
-- KEYS[1] <prefix>{auth}:session:<sha256 of the token>
-- ARGV[1] time-to-live in ms   ARGV[2] <prefix>{auth}:user: (the user's set is ARGV[2] .. user .. ':sessions',
--                                        same {auth} hash tag, hence same cluster slot)
-- Result: "user\trole\tbranches\tmustChange" or false when the session is unknown, expired or revoked.
-- Redis 5.0 commands only.
local s = redis.call('HMGET', KEYS[1], 'user', 'role', 'branches', 'mustChange')
if not s[1] then return false end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', ARGV[2] .. s[1] .. ':sessions', ARGV[1])
return s[1] .. '\t' .. s[2] .. '\t' .. (s[3] or '') .. '\t' .. (s[4] or '0')
