-- no_show.lua: the counter's current ticket did not come; it may return within its service's grace period.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] counter id
-- ARGV[4] actor kind  ARGV[5] actor id or ''
-- Result: {"counter":{...},"ticket":{...no_show}} or {"error":...}: not_configured, not_found, counter_taken,
-- not_waiting (the counter serves nobody), idempotency_key_reused.
local idk, fp, c, actor_kind, actor_id = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local done, cfg, s = counter_action_start(idk, fp, c, actor_kind, actor_id)
if done then return done end
local t = ticket(s.ticket)
if not t or t.status ~= 'called' then return fail('not_waiting', 'counter ' .. c .. ' is serving nobody') end

-- validated: write
local ms = now_ms()
sign_in(c, s, actor_kind, actor_id)
redis.call('HSET', k('t:' .. t.id), 'status', 'no_show', 'closedAt', ms)
t.status = 'no_show'
s.ticket = ''
redis.call('HSET', k('ctr:' .. c), 'ticket', '', 'last', t.id, 'lastAt', ms)
emit({ type = 'ticket.no_show', actor = actor(actor_kind, actor_id), ticket = ticket_ref(t),
       counter = counter_ref(c, s) }, nil, ms)
return idem_put(idk, fp, counter_answer(c, s, t))
