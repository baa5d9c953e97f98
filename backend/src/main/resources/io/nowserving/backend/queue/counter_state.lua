-- counter_state.lua: opens, pauses or closes a counter. Closing also signs the clerk out.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] counter id
-- ARGV[4] actor kind  ARGV[5] actor id or ''  ARGV[6] target state: open|paused|closed
-- Builds: cfg:ctr:{c}, ctr:{c}, seq, epoch, events, live
-- Result: {"counter":{...},"ticket":null} (no event when neither the state nor the clerk changes) or {"error":...}:
-- not_configured, not_found, counter_taken, counter_busy (pause or close while serving), idempotency_key_reused.
local idk, fp, c, actor_kind, actor_id, target = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local done, cfg, s = counter_action_start(idk, fp, c, actor_kind, actor_id)
if done then return done end
if target ~= 'open' and s.ticket and s.ticket ~= '' then
  return fail('counter_busy', 'counter ' .. c .. ' is serving a ticket: complete it first')
end

-- validated: write
if target == 'closed' then
  if s.state ~= 'closed' or (s.clerk and s.clerk ~= '') then
    s.state, s.clerk = 'closed', ''
    redis.call('HSET', k('ctr:' .. c), 'state', 'closed', 'clerk', '')
    emit({ type = 'counter.changed', actor = actor(actor_kind, actor_id), counter = counter_ref(c, s) }, nil, now_ms())
  end
else
  local changed = sign_in(c, s, actor_kind, actor_id)
  if s.state ~= target then
    s.state = target
    redis.call('HSET', k('ctr:' .. c), 'state', target)
    changed = true
  end
  if changed then
    emit({ type = 'counter.changed', actor = actor(actor_kind, actor_id), counter = counter_ref(c, s) }, nil, now_ms())
  end
end
return idem_put(idk, fp, counter_answer(c, s, nil))
