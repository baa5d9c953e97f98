-- branch_gate.lua: takes a whole branch out of use before it is removed (every service closed, every counter
-- removed, as service_gate.lua and counter_gate.lua do one at a time), or puts it back when the removal did
-- not happen. Refused, with nothing written, while anyone waits in any line or any counter serves a ticket.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] 'close' | 'open'
-- Builds: cfg:svc:{s}, line:{s}, cfg:ctr:{c}, ctr:{c}
-- Result: "closed:<version>" (the configuration version it closed), "opened", "missing" (branch not mirrored), "waiting:<service>:<n>" or "busy:<counter>".
local cfg = config()
if not cfg then return 'missing' end
local services, counters = split(cfg.services), split(cfg.counters)
if ARGV[1] == 'open' then
  for _, s in ipairs(services) do redis.call('HDEL', k('cfg:svc:' .. s), 'closed') end
  for _, c in ipairs(counters) do redis.call('HDEL', k('cfg:ctr:' .. c), 'removed') end
  return 'opened'
end
for _, s in ipairs(services) do
  local waiting = redis.call('ZCARD', k('line:' .. s))
  if waiting > 0 then return 'waiting:' .. s .. ':' .. waiting end
end
for _, c in ipairs(counters) do
  local serving = redis.call('HGET', k('ctr:' .. c), 'ticket')
  if serving and serving ~= '' then return 'busy:' .. c end
end
for _, s in ipairs(services) do redis.call('HSET', k('cfg:svc:' .. s), 'closed', '1') end
for _, c in ipairs(counters) do redis.call('HSET', k('cfg:ctr:' .. c), 'removed', '1') end
return 'closed:' .. cfg.version
