-- mirror_config.lua: mirrors a branch's configuration from SQL into Redis; idempotent and versioned.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] configuration version (from SQL; above the tombstone's when the branch was removed and created again)
-- ARGV[2] epoch to start with if the branch has none (random, Java)
-- ARGV[4] SQL's highest committed seq of the branch: a new epoch's seq continues from it (invariant 2), so a wiped
--   Redis never numbers an event with a seq SQL already holds
-- ARGV[3] configuration JSON: {name, dayStart (minutes), hours, closedDays, remote, tz (zone id), tzOffset, tzNextChange,
--   tzNextOffset, services:[{id,name,prefix,capacity,targetWait,grace,ahead}], counters:[{id,name,services:[ids]}]}
-- Builds: cfg:svc:{s}, cfg:ctr:{c}, ctr:{c}, epoch, seq, events, live
-- Result: "stale" (Redis holds a newer version: nothing written), "zone" (same version: only the zone
-- offsets refreshed, no event), or "mirrored" (written, config.changed emitted).
local version = tonumber(ARGV[1])
local c = cjson.decode(ARGV[3])
local current = tonumber(redis.call('HGET', KEYS[1], 'version'))
if current and current > version then return 'stale' end
redis.call('HSET', KEYS[1], 'tz', c.tz, 'tzOffset', c.tzOffset, 'tzNextChange', c.tzNextChange, 'tzNextOffset', c.tzNextOffset)
if current == version then return 'zone' end
redis.call('HDEL', KEYS[1], 'removed') -- a branch created again over the tombstone of a removed one

local service_ids, counter_ids = {}, {}
for _, s in ipairs(c.services) do service_ids[#service_ids + 1] = s.id end
for _, ctr in ipairs(c.counters) do counter_ids[#counter_ids + 1] = ctr.id end
local keep_svc, keep_ctr = {}, {}
for _, id in ipairs(service_ids) do keep_svc[id] = true end
for _, id in ipairs(counter_ids) do keep_ctr[id] = true end
local old = hgetall(KEYS[1])
for _, s in ipairs(split(old.services)) do
  if not keep_svc[s] then redis.call('DEL', k('cfg:svc:' .. s)) end
end
for _, ctr in ipairs(split(old.counters)) do
  if not keep_ctr[ctr] then redis.call('DEL', k('cfg:ctr:' .. ctr), k('ctr:' .. ctr)) end
end

redis.call('HSET', KEYS[1], 'version', version, 'name', c.name, 'dayStart', c.dayStart, 'hours', c.hours,
  'closedDays', c.closedDays, 'remote', c.remote and '1' or '0',
  'services', table.concat(service_ids, ','), 'counters', table.concat(counter_ids, ','))
local serving = {}
-- a gate's flag (a removal under way: counter 'removed', service 'closed') survives a mirror racing it; only the gate
-- itself reopens, and a committed removal drops the key above
for _, ctr in ipairs(c.counters) do
  local removed = redis.call('HGET', k('cfg:ctr:' .. ctr.id), 'removed')
  redis.call('DEL', k('cfg:ctr:' .. ctr.id))
  redis.call('HSET', k('cfg:ctr:' .. ctr.id), 'name', ctr.name, 'services', table.concat(ctr.services, ','))
  if removed then redis.call('HSET', k('cfg:ctr:' .. ctr.id), 'removed', removed) end
  redis.call('HSETNX', k('ctr:' .. ctr.id), 'state', 'closed')
  for _, s in ipairs(ctr.services) do
    serving[s] = serving[s] or {}
    table.insert(serving[s], ctr.id)
  end
end
for _, s in ipairs(c.services) do
  local key = k('cfg:svc:' .. s.id)
  local closed = redis.call('HGET', key, 'closed')
  redis.call('DEL', key)
  redis.call('HSET', key, 'name', s.name, 'prefix', s.prefix, 'targetWait', s.targetWait, 'grace', s.grace,
    'counters', table.concat(serving[s.id] or {}, ','))
  if closed then redis.call('HSET', key, 'closed', closed) end
  if s.capacity and s.capacity ~= cjson.null then redis.call('HSET', key, 'capacity', s.capacity) end
  if s.ahead and s.ahead ~= cjson.null then redis.call('HSET', key, 'ahead', s.ahead) end
end
if redis.call('SETNX', k('epoch'), ARGV[2]) == 1 then
  local floor = tonumber(ARGV[4]) or 0
  if (tonumber(redis.call('GET', k('seq'))) or 0) < floor then redis.call('SET', k('seq'), floor) end
end
emit({ type = 'config.changed', actor = { kind = 'system' }, config = { version = version } }, nil, now_ms())
return 'mirrored'
