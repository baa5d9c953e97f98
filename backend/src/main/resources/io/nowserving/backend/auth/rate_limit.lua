-- rate_limit.lua: counts one request in fixed windows (one per key) and answers the highest count.
-- KEYS[1..n] <prefix>{auth}:rl:<kind>:<hash>:<window>   ARGV[1] key time-to-live ms (longer than the window)
-- Result: the highest count among the keys after this request, as a string. Keys end with their window.
-- Redis 5.0 commands only.
local top = 0
for i = 1, #KEYS do
  local n = redis.call('INCR', KEYS[i])
  if n == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
  if n > top then top = n end
end
return tostring(top)
