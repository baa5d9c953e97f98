-- counter_sign.lua: a clerk signs in at a counter or out of it.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] counter id
-- ARGV[4] actor kind  ARGV[5] actor id or ''  ARGV[6] 'in' | 'out'
-- Result: {"counter":{...},"ticket":null} (no event when nothing changes) or {"error":...}: not_configured,
-- not_found, counter_taken (another clerk is signed in; admins may take over), counter_busy (signing out while
-- serving), idempotency_key_reused.
local idk, fp, c, actor_kind, actor_id, mode = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local done, cfg, s = counter_action_start(idk, fp, c, actor_kind, actor_id)
if done then return done end
if mode == 'out' and s.ticket and s.ticket ~= '' then
  return fail('counter_busy', 'counter ' .. c .. ' is serving a ticket: complete it first')
end

-- validated: write
local clerk = mode == 'in' and actor_id or ''
if (s.clerk or '') ~= clerk then
  s.clerk = clerk
  redis.call('HSET', k('ctr:' .. c), 'clerk', clerk)
  emit({ type = 'counter.changed', actor = actor(actor_kind, actor_id), counter = counter_ref(c, s) }, nil, now_ms())
end
return idem_put(idk, fp, counter_answer(c, s, nil))
