-- call_next.lua: completes the counter's current ticket, if any, then calls the ticket that has waited
-- longest among the counter's services, priority tickets first.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] counter id
-- ARGV[4] actor kind (clerk|admin|owner)  ARGV[5] actor id or ''
-- Builds: cfg:ctr:{c}, ctr:{c}, line:{s}, t:{id}, recent, svc:{s}:stats, seq, epoch, events, live
-- Result: {"counter":{...},"ticket":{...}|null} or {"error":...}: not_configured, not_found, counter_closed,
-- counter_taken, idempotency_key_reused.
local idk, fp, c, actor_kind, actor_id = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local done, cfg, s = counter_action_start(idk, fp, c, actor_kind, actor_id)
if done then return done end
if s.state == 'closed' then return fail('counter_closed', 'open counter ' .. c .. ' first') end

-- validated: write (the day rolls over first, so yesterday's tickets are never called)
local ms = now_ms()
roll_day(cfg, ms)
local best, best_score = nil, nil
for _, service in ipairs(split(redis.call('HGET', k('cfg:ctr:' .. c), 'services'))) do
  local head = redis.call('ZRANGE', k('line:' .. service), 0, 0, 'WITHSCORES')
  if head[1] and (not best_score or tonumber(head[2]) < best_score) then
    best, best_score = head[1], tonumber(head[2])
  end
end

local act = actor(actor_kind, actor_id)
ready_counter(c, s, ms, act, actor_kind, actor_id)
local t = nil
if best then
  t = ticket(best)
  call_to_counter(c, s, t, ms, act, actor_id)
end
return idem_put(idk, fp, counter_answer(c, s, t))
