-- service_gate.lua: closes a service to new tickets before it is removed, or opens it again when the removal
-- did not happen. Closing is refused (nothing written) while anyone waits in its line.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] service id  ARGV[2] 'close' | 'open'
-- Builds: cfg:svc:{s}, line:{s}
-- Result: "closed", "opened", "missing" (no such service in Redis) or "waiting:<n>" (refused).
local s, mode = ARGV[1], ARGV[2]
local key = k('cfg:svc:' .. s)
if redis.call('EXISTS', key) == 0 then return 'missing' end
if mode == 'open' then
  redis.call('HDEL', key, 'closed')
  return 'opened'
end
local waiting = redis.call('ZCARD', k('line:' .. s))
if waiting > 0 then return 'waiting:' .. waiting end
redis.call('HSET', key, 'closed', '1')
return 'closed'
