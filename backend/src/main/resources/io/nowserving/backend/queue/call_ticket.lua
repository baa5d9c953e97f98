-- call_ticket.lua: a clerk calls a specific waiting ticket (out of turn), recorded with who did it. Like
-- call-next it first completes the counter's current ticket.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''  ARGV[2] request fingerprint  ARGV[3] counter id
-- ARGV[4] actor kind  ARGV[5] actor id or ''  ARGV[6] ticket id
-- Result: {"counter":{...},"ticket":{...called}} or {"error":...}: not_configured, not_found, counter_closed,
-- counter_taken, already_called, not_waiting, idempotency_key_reused.
local idk, fp, c, actor_kind, actor_id, id = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local done, cfg, s = counter_action_start(idk, fp, c, actor_kind, actor_id)
if done then return done end
if s.state == 'closed' then return fail('counter_closed', 'open counter ' .. c .. ' first') end
if not ticket(id) then return fail('not_found', 'no such ticket') end

local ms = now_ms()
roll_day(cfg, ms)
local t = ticket(id)
if t.status == 'called' then return fail('already_called', 'ticket ' .. t.number .. ' is called at counter ' .. t.counter) end
if t.status ~= 'waiting' then return fail('not_waiting', 'ticket ' .. t.number .. ' is ' .. t.status) end

-- validated: write
local act = actor(actor_kind, actor_id)
ready_counter(c, s, ms, act, actor_kind, actor_id)
call_to_counter(c, s, t, ms, act, actor_id)
return idem_put(idk, fp, counter_answer(c, s, t))
