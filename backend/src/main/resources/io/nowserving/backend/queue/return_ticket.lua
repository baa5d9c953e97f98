-- return_ticket.lua: a no-show customer is back within the service's grace period: the ticket waits again at
-- its original place (its original line score).
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] ticket id
-- ARGV[4] token hash presented, or '' for staff and kiosks  ARGV[5] actor kind  ARGV[6] actor id or ''
-- Result: {id, number, service, status, ahead, estimatedWait} or {"error":...}: not_configured, not_found
-- (unknown ticket or wrong token), not_waiting (not a no-show), service_closed (its service is being removed),
-- grace_expired, idempotency_key_reused.
local idk, fp, id, th = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local replay = idem_get(idk, fp)
if replay then return replay end
local cfg = config()
if not cfg then return fail('not_configured', 'branch is not mirrored to Redis') end
local t = ticket(id)
if not t or (th ~= '' and t.tokenHash ~= th) then return fail('not_found', 'no such ticket') end
local ms = now_ms()
local day = roll_day(cfg, ms)
t = ticket(id)
if t.status ~= 'no_show' then return fail('not_waiting', 'ticket ' .. t.number .. ' is ' .. t.status) end
local scfg = hgetall(k('cfg:svc:' .. t.service))
if not scfg.prefix or scfg.closed == '1' then
  return fail('service_closed', 'service ' .. t.service .. ' takes no tickets now')
end
local grace = tonumber(scfg.grace or '0')
if tonumber(t.day) < day.ymd or ms - tonumber(t.closedAt) > grace * 1000 then
  return fail('grace_expired', 'ticket ' .. t.number .. ' missed its call more than ' .. grace .. ' s ago')
end

-- validated: write
redis.call('HSET', k('t:' .. id), 'status', 'waiting', 'counter', '', 'closedAt', '')
t.status, t.counter = 'waiting', ''
redis.call('ZADD', k('line:' .. t.service), t.score, id)
emit({ type = 'ticket.returned', actor = actor(ARGV[5], ARGV[6]), ticket = ticket_ref(t) }, nil, ms)
return idem_put(idk, fp, cjson.encode(ticket_view(t)))
