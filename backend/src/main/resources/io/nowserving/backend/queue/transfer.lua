-- transfer.lua: the counter's current ticket goes back to waiting in another service, ahead of those who came
-- after it (it keeps its original line score). The target's daily capacity is not charged.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] counter id
-- ARGV[4] actor kind  ARGV[5] actor id or ''  ARGV[6] target service id
-- Result: {"counter":{...},"ticket":{...waiting in the target}} or {"error":...}: not_configured, not_found
-- (counter or service), invalid_request (same service), service_closed, counter_taken, not_waiting (the counter
-- serves nobody), idempotency_key_reused.
local idk, fp, c, actor_kind, actor_id, target = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local done, cfg, s = counter_action_start(idk, fp, c, actor_kind, actor_id)
if done then return done end
local scfg = hgetall(k('cfg:svc:' .. target))
if not scfg.prefix then return fail('not_found', 'unknown service ' .. target) end
if scfg.closed == '1' then return fail('service_closed', 'service ' .. target .. ' takes no tickets') end
local t = ticket(s.ticket)
if not t or t.status ~= 'called' then return fail('not_waiting', 'counter ' .. c .. ' is serving nobody') end
if t.service == target then return fail('invalid_request', 'the ticket is already in service ' .. target) end

-- validated: write
local ms = now_ms()
local from = t.service
sign_in(c, s, actor_kind, actor_id)
redis.call('HSET', k('t:' .. t.id), 'status', 'waiting', 'service', target, 'counter', '', 'transfers',
  tonumber(t.transfers or '0') + 1)
t.status, t.service, t.counter = 'waiting', target, ''
redis.call('ZADD', k('line:' .. target), t.score, t.id)
s.ticket = ''
redis.call('HSET', k('ctr:' .. c), 'ticket', '')
emit({ type = 'ticket.transferred', actor = actor(actor_kind, actor_id), ticket = ticket_ref(t),
       counter = counter_ref(c, s), fromService = from }, nil, ms)
return idem_put(idk, fp, counter_answer(c, s, t))
