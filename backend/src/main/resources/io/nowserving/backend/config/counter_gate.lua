-- counter_gate.lua: takes a counter out of use before it is removed (its actions then answer not_found), or
-- puts it back when the removal did not happen. Refused (nothing written) while it serves a ticket.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] counter id  ARGV[2] 'close' | 'open'
-- Builds: cfg:ctr:{c}, ctr:{c}
-- Result: "closed", "opened", "missing" or "busy" (refused).
local c, mode = ARGV[1], ARGV[2]
local key = k('cfg:ctr:' .. c)
if redis.call('EXISTS', key) == 0 then return 'missing' end
if mode == 'open' then
  redis.call('HDEL', key, 'removed')
  return 'opened'
end
local serving = redis.call('HGET', k('ctr:' .. c), 'ticket')
if serving and serving ~= '' then return 'busy' end
redis.call('HSET', key, 'removed', '1')
return 'closed'
