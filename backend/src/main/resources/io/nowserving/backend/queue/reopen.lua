-- reopen.lua: the clerk reopens the ticket this counter just completed or marked no-show: within two minutes
-- and only while the counter is idle. The ticket is called at the counter again.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] counter id
-- ARGV[4] actor kind  ARGV[5] actor id or ''
-- Result: {"counter":{...},"ticket":{...called}} or {"error":...}: not_configured, not_found, counter_taken,
-- counter_closed, counter_busy (serving), reopen_expired (nothing to reopen, or more than two minutes ago),
-- idempotency_key_reused.
local REOPEN_MS = 120000
local idk, fp, c, actor_kind, actor_id = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local done, cfg, s = counter_action_start(idk, fp, c, actor_kind, actor_id)
if done then return done end
if s.state == 'closed' then return fail('counter_closed', 'open counter ' .. c .. ' first') end
if s.ticket and s.ticket ~= '' then return fail('counter_busy', 'counter ' .. c .. ' is serving a ticket') end
local t = ticket(s.last)
local ms = now_ms()
-- the ticket must still be closed as this counter closed it: not returned and closed again elsewhere since
if not t or (t.status ~= 'completed' and t.status ~= 'no_show') or t.counter ~= c or t.closedAt ~= s.lastAt
    or ms - tonumber(s.lastAt or '0') > REOPEN_MS then
  return fail('reopen_expired', 'only the ticket closed here in the last two minutes can be reopened')
end

-- validated: write
sign_in(c, s, actor_kind, actor_id)
redis.call('HSET', k('t:' .. t.id), 'status', 'called', 'counter', c, 'closedAt', '')
t.status, t.counter = 'called', c
s.ticket = t.id
redis.call('HSET', k('ctr:' .. c), 'ticket', t.id, 'last', '', 'lastAt', '')
emit({ type = 'ticket.reopened', actor = actor(actor_kind, actor_id), ticket = ticket_ref(t),
       counter = counter_ref(c, s) }, nil, ms)
return idem_put(idk, fp, counter_answer(c, s, t))
