-- complete.lua: completes the ticket the counter is serving.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] counter id
-- ARGV[4] actor kind  ARGV[5] actor id or ''
-- Builds: cfg:ctr:{c}, ctr:{c}, t:{id}, svc:{s}:stats, seq, epoch, events, live
-- Result: {"counter":{...},"ticket":{...completed}} or {"error":...}: not_configured, not_found,
-- counter_taken, not_waiting (the counter serves nobody), idempotency_key_reused.
local idk, fp, c, actor_kind, actor_id = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local done, cfg, s = counter_action_start(idk, fp, c, actor_kind, actor_id)
if done then return done end
if not s.ticket or s.ticket == '' then return fail('not_waiting', 'counter ' .. c .. ' is serving nobody') end

-- validated: write
local ms = now_ms()
local signed = sign_in(c, s, actor_kind, actor_id)
local t = complete_current(c, s, ms, actor(actor_kind, actor_id))
if not t and signed then
  emit({ type = 'counter.changed', actor = actor(actor_kind, actor_id), counter = counter_ref(c, s) }, nil, ms)
end
return idem_put(idk, fp, counter_answer(c, s, t))
