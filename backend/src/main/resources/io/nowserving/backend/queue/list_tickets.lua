-- list_tickets.lua: the waiting and called tickets of a branch for the counter console (read only).
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] status filter: '' | 'waiting' | 'called'   ARGV[2] service filter or ''
-- Result: [{id, number, service, status, ahead, estimatedWait, counter, priority, queuedAt}] waiting tickets in
-- line order per service, then called ones by counter; or {"error":"not_configured"}.
local cfg = config()
if not cfg then return fail('not_configured', 'branch is not mirrored to Redis') end
local status, only = ARGV[1], ARGV[2]
local parts = {}
local function add(t, ahead, est)
  local v = { id = t.id, number = t.number, service = t.service, status = t.status, priority = t.priority == '1',
              queuedAt = tonumber(t.queuedAt) }
  if ahead then v.ahead = ahead end
  if est then v.estimatedWait = est end
  if t.counter and t.counter ~= '' then v.counter = t.counter end
  parts[#parts + 1] = cjson.encode(v)
end
if status == '' or status == 'waiting' then
  for _, s in ipairs(split(cfg.services)) do
    if only == '' or only == s then
      for i, id in ipairs(redis.call('ZRANGE', k('line:' .. s), 0, -1)) do
        local t = ticket(id)
        if t then add(t, i - 1, estimate(s, i - 1)) end
      end
    end
  end
end
if status == '' or status == 'called' then
  for _, c in ipairs(split(cfg.counters)) do
    local t = ticket(redis.call('HGET', k('ctr:' .. c), 'ticket'))
    if t and t.status == 'called' and (only == '' or only == t.service) then add(t, nil, nil) end
  end
end
-- a JSON array by hand: cjson writes an empty table as {}
return '[' .. table.concat(parts, ',') .. ']'
