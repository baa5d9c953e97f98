-- recall.lua: announces the counter's current ticket again (the display flashes it, the phone buzzes).
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] counter id
-- ARGV[4] actor kind  ARGV[5] actor id or ''
-- Result: {"counter":{...},"ticket":{...called}} or {"error":...}: not_configured, not_found, counter_taken,
-- not_waiting (the counter serves nobody), idempotency_key_reused.
local idk, fp, c, actor_kind, actor_id = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local done, cfg, s = counter_action_start(idk, fp, c, actor_kind, actor_id)
if done then return done end
local t = ticket(s.ticket)
if not t then return fail('not_waiting', 'counter ' .. c .. ' is serving nobody') end

-- validated: write
local ms = now_ms()
sign_in(c, s, actor_kind, actor_id)
redis.call('HINCRBY', k('t:' .. t.id), 'recalls', 1)
redis.call('LPUSH', k('recent'), cjson.encode({ number = t.number, counter = c, calledAt = ms }))
redis.call('LTRIM', k('recent'), 0, 9)
emit({ type = 'ticket.recalled', actor = actor(actor_kind, actor_id), ticket = ticket_ref(t),
       counter = counter_ref(c, s) }, nil, ms)
return idem_put(idk, fp, counter_answer(c, s, t))
