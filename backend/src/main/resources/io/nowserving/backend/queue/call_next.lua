-- call_next.lua: completes the counter's current ticket, if any, then calls the ticket that has waited
-- longest among the counter's services, priority tickets first.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] counter id
-- ARGV[4] actor kind (clerk|admin|owner)  ARGV[5] actor id or ''
-- Builds: cfg:ctr:{c}, ctr:{c}, line:{s}, t:{id}, recent, svc:{s}:stats, seq, epoch, events, live
-- Result: {"counter":{...},"ticket":{...}|null} or {"error":...}: not_configured, not_found, counter_closed,
-- counter_taken, idempotency_key_reused.
local idk, fp, c, actor_kind, actor_id = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local replay = idem_get(idk, fp)
if replay then return replay end
local cfg = config()
if not cfg then return fail('not_configured', 'branch is not mirrored to Redis') end
local s = counter_state(c)
local refusal = counter_refusal(c, s, actor_kind, actor_id)
if refusal then return refusal end
if s.state == 'closed' then return fail('counter_closed', 'open counter ' .. c .. ' first') end

local best, best_score = nil, nil
for _, service in ipairs(split(redis.call('HGET', k('cfg:ctr:' .. c), 'services'))) do
  local head = redis.call('ZRANGE', k('line:' .. service), 0, 0, 'WITHSCORES')
  if head[1] and (not best_score or tonumber(head[2]) < best_score) then
    best, best_score = head[1], tonumber(head[2])
  end
end

-- validated: write
local ms = now_ms()
local act = actor(actor_kind, actor_id)
sign_in(c, s, actor_kind, actor_id)
if s.ticket and s.ticket ~= '' then complete_current(c, s, ms, act) end
if s.state == 'paused' then
  s.state = 'open'
  redis.call('HSET', k('ctr:' .. c), 'state', 'open')
  emit({ type = 'counter.changed', actor = act, counter = counter_ref(c, s) }, nil, ms)
end
local t = nil
if best then
  t = ticket(best)
  redis.call('ZREM', k('line:' .. t.service), t.id)
  redis.call('HSET', k('t:' .. t.id), 'status', 'called', 'counter', c, 'calledAt', ms, 'calledBy', actor_id)
  t.status, t.counter, t.calledAt = 'called', c, ms
  s.ticket = t.id
  redis.call('HSET', k('ctr:' .. c), 'ticket', t.id)
  redis.call('LPUSH', k('recent'), cjson.encode({ number = t.number, counter = c, calledAt = ms }))
  redis.call('LTRIM', k('recent'), 0, 9)
  emit({ type = 'ticket.called', actor = act, ticket = ticket_ref(t), counter = counter_ref(c, s) }, nil, ms)
end
return idem_put(idk, fp, counter_answer(c, s, t))
