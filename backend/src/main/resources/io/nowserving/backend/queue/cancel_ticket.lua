-- cancel_ticket.lua: the holder gives up a waiting ticket. A cancelled ticket leaves the line for good; the
-- place in the daily capacity is not given back; the customer may take a new ticket.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] ticket id
-- ARGV[4] token hash presented  ARGV[5] actor kind  ARGV[6] actor id or ''
-- Builds: t:{id}, line:{s}, day:{ymd}:cust:{hash}:{s} (every service's, holding this ticket), seq, epoch, events, live
-- Result: {"status":"cancelled"} (also when it already was: no second event) or {"error":...}: not_configured,
-- not_found (unknown ticket or wrong token), already_called, not_waiting, idempotency_key_reused.
local idk, fp, id, th = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local replay = idem_get(idk, fp)
if replay then return replay end
local cfg = config()
if not cfg then return fail('not_configured', 'branch is not mirrored to Redis') end
local t = ticket(id)
if not t or t.tokenHash ~= th then return fail('not_found', 'no such ticket') end
if t.status == 'called' then return fail('already_called', 'ticket ' .. t.number .. ' has been called') end
if t.status ~= 'waiting' and t.status ~= 'cancelled' then
  return fail('not_waiting', 'ticket ' .. t.number .. ' is ' .. t.status)
end

-- validated: write
if t.status == 'waiting' then
  local ms = now_ms()
  redis.call('ZREM', k('line:' .. t.service), id)
  redis.call('HSET', k('t:' .. id), 'status', 'cancelled', 'closedAt', ms)
  -- the customer's key names the service the ticket was issued in, which a transfer may since have changed:
  -- free whichever of the customer's keys holds this ticket, and no other
  if t.customerKey and t.customerKey ~= '' then
    for _, service in ipairs(split(cfg.services)) do
      local cust = k('day:' .. t.day .. ':cust:' .. t.customerKey .. ':' .. service)
      if redis.call('GET', cust) == id then redis.call('DEL', cust) end
    end
  end
  emit({ type = 'ticket.cancelled', actor = actor(ARGV[5], ARGV[6]), ticket = ticket_ref(t) }, nil, ms)
end
return idem_put(idk, fp, cjson.encode({ status = 'cancelled' }))
