-- snapshot.lua: the branch's whole live state, read atomically with its epoch and seq (read only).
-- KEYS[1] <prefix>{b}:cfg
-- Builds: cfg:svc:{s}, cfg:ctr:{c}, ctr:{c}, line:{s}, day:{ymd}:n:{s}, t:{id}, recent, seq, epoch
-- Result: {id, name, timeZone, epoch, seq, serverTime, open, services[], counters[], recentCalls[]} or
-- {"error":"not_configured"}.
local cfg = config()
if not cfg then return fail('not_configured', 'branch is not mirrored to Redis') end
local ms = now_ms()
local day = business_day(cfg, ms)
local services, counters, recent = {}, {}, {}
for _, s in ipairs(split(cfg.services)) do
  local scfg = hgetall(k('cfg:svc:' .. s))
  local waiting = redis.call('ZCARD', k('line:' .. s))
  local entry = { id = s, name = scfg.name, prefix = scfg.prefix, waiting = waiting,
                  estimatedWait = estimate(s, waiting), capacityLeft = cjson.null }
  if tonumber(scfg.capacity) then
    local issued = tonumber(redis.call('GET', k('day:' .. day.ymd .. ':n:' .. s)) or '0')
    entry.capacityLeft = math.max(0, tonumber(scfg.capacity) - issued)
  end
  services[#services + 1] = entry
end
for _, c in ipairs(split(cfg.counters)) do
  counters[#counters + 1] = counter_view(c, counter_state(c))
end
for _, r in ipairs(redis.call('LRANGE', k('recent'), 0, 9)) do recent[#recent + 1] = cjson.decode(r) end
-- cjson writes an empty table as {}; the Java side reads a missing or {} list as empty.
return cjson.encode({ id = string.match(KEYS[1], '{(.-)}'), name = cfg.name, timeZone = cfg.tz or 'UTC', epoch = redis.call('GET', k('epoch')),
  seq = tonumber(redis.call('GET', k('seq')) or '0'), serverTime = ms, open = is_open(cfg, ms),
  services = services, counters = counters, recentCalls = recent })
