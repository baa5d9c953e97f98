-- lib/queue.lua: tickets, lines, counters and estimates, shared by the queue scripts (after core.lua).

local LIVE = { waiting = true, called = true }

local function ticket(id)
  if not id or id == '' then return nil end
  local t = hgetall(k('t:' .. id))
  if not t.id then return nil end
  return t
end

local function ticket_ref(t)
  return { id = t.id, number = t.number, service = t.service, language = t.language, channel = t.channel,
           priority = t.priority == '1', queuedAt = tonumber(t.queuedAt) }
end

local function counter_state(c)
  local s = hgetall(k('ctr:' .. c))
  if not s.state then s.state = 'closed' end
  return s
end

local function counter_ref(c, s)
  local r = { id = c, state = s.state }
  if s.clerk and s.clerk ~= '' then r.clerk = s.clerk end
  return r
end

-- Estimated wait for someone with `ahead` people before them: per-person service time (moving average, or a
-- fifth of the target wait before any data) spread over the counters open for the service; +-20 %.
local function estimate(service, ahead)
  local scfg = hgetall(k('cfg:svc:' .. service))
  local avg = tonumber(redis.call('HGET', k('svc:' .. service .. ':stats'), 'avg'))
  if not avg then avg = math.max(60, (tonumber(scfg.targetWait) or 600) / 5) end
  local open = 0
  for _, c in ipairs(split(scfg.counters)) do
    if redis.call('HGET', k('ctr:' .. c), 'state') == 'open' then open = open + 1 end
  end
  local x = ahead * avg / math.max(open, 1)
  return { minSeconds = math.floor(x * 0.8), maxSeconds = math.ceil(x * 1.2) }
end

local function ahead_of(t)
  local rank = redis.call('ZRANK', k('line:' .. t.service), t.id)
  return rank or 0
end

-- The ticket as holder and staff see it.
local function ticket_view(t)
  local v = { id = t.id, number = t.number, service = t.service, status = t.status }
  if t.status == 'waiting' then
    v.ahead = ahead_of(t)
    v.estimatedWait = estimate(t.service, v.ahead)
  end
  if t.counter and t.counter ~= '' then v.counter = t.counter end
  return v
end

local function counter_view(c, s)
  local v = { id = c, name = redis.call('HGET', k('cfg:ctr:' .. c), 'name'), state = s.state }
  local svcs = split(redis.call('HGET', k('cfg:ctr:' .. c), 'services'))
  if #svcs > 0 then v.services = svcs end -- left out when empty: cjson writes an empty table as {}
  if s.ticket and s.ticket ~= '' then v.serving = redis.call('HGET', k('t:' .. s.ticket), 'number') end
  if s.clerk and s.clerk ~= '' then v.clerk = s.clerk end
  return v
end

local function counter_answer(c, s, t)
  local ans = { counter = counter_view(c, s), ticket = cjson.null }
  if t then ans.ticket = ticket_view(t) end
  return cjson.encode(ans)
end

-- Checks that a counter exists and the actor may act there; nil when allowed, else the refusal.
-- Acting at a counter nobody is signed in to signs the clerk in; admins and owners may act anywhere.
local function counter_refusal(c, s, actor_kind, actor_id)
  local removed = redis.call('HGET', k('cfg:ctr:' .. c), 'removed')
  if removed == false and redis.call('EXISTS', k('cfg:ctr:' .. c)) == 0 or removed == '1' then
    return fail('not_found', 'unknown counter ' .. c)
  end
  if actor_kind == 'clerk' and s.clerk and s.clerk ~= '' and s.clerk ~= actor_id then
    return fail('counter_taken', 'counter ' .. c .. ' is signed in to another clerk')
  end
  return nil
end

-- Returns true when it signed the clerk in: the caller then owes a counter.changed unless another event of the
-- same script names the counter (every event carries the counter's state and clerk).
local function sign_in(c, s, actor_kind, actor_id)
  if actor_kind == 'clerk' and (not s.clerk or s.clerk == '') and actor_id ~= '' then
    s.clerk = actor_id
    redis.call('HSET', k('ctr:' .. c), 'clerk', actor_id)
    return true
  end
  return false
end

-- Completes the counter's current ticket (state already validated), feeding the service-time average.
local function complete_current(c, s, ms, act)
  local t = ticket(s.ticket)
  s.ticket = ''
  if not t or t.status ~= 'called' then
    redis.call('HSET', k('ctr:' .. c), 'ticket', '')
    return nil
  end
  redis.call('HSET', k('ctr:' .. c), 'ticket', '', 'last', t.id, 'lastAt', ms)
  redis.call('HSET', k('t:' .. t.id), 'status', 'completed', 'closedAt', ms)
  t.status = 'completed'
  local took = (ms - tonumber(t.calledAt)) / 1000
  -- moving average of recent service times: the exact mean of the first 20, then weight 1/20 per ticket
  local stats = k('svc:' .. t.service .. ':stats')
  local prev = redis.call('HMGET', stats, 'avg', 'n')
  local n = math.min(tonumber(prev[2] or '0') + 1, 20)
  local avg = tonumber(prev[1] or '0')
  avg = avg + (took - avg) / n
  redis.call('HSET', stats, 'avg', tostring(avg), 'n', n)
  emit({ type = 'ticket.completed', actor = act, ticket = ticket_ref(t), counter = counter_ref(c, s) }, nil, ms)
  return t
end

-- Calls a waiting ticket to the counter (state validated): out of its line, onto the counter, into the recent calls.
local function call_to_counter(c, s, t, ms, act, actor_id)
  redis.call('ZREM', k('line:' .. t.service), t.id)
  redis.call('HSET', k('t:' .. t.id), 'status', 'called', 'counter', c, 'calledAt', ms, 'calledBy', actor_id)
  t.status, t.counter, t.calledAt = 'called', c, ms
  s.ticket = t.id
  redis.call('HSET', k('ctr:' .. c), 'ticket', t.id)
  redis.call('LPUSH', k('recent'), cjson.encode({ number = t.number, counter = c, calledAt = ms }))
  redis.call('LTRIM', k('recent'), 0, 9)
  emit({ type = 'ticket.called', actor = act, ticket = ticket_ref(t), counter = counter_ref(c, s) }, nil, ms)
end

-- Before a counter acts: a paused counter is reopened by calling; the clerk is signed in if nobody is. Either
-- change is announced by one counter.changed (a completion's event already carries a new clerk).
local function ready_counter(c, s, ms, act, actor_kind, actor_id)
  local changed = sign_in(c, s, actor_kind, actor_id)
  if s.ticket and s.ticket ~= '' and complete_current(c, s, ms, act) then changed = false end
  if s.state == 'paused' then
    s.state = 'open'
    redis.call('HSET', k('ctr:' .. c), 'state', 'open')
    changed = true
  end
  if changed then emit({ type = 'counter.changed', actor = act, counter = counter_ref(c, s) }, nil, ms) end
end

-- Ends past business days lazily and idempotently, whichever instance gets there first: every waiting ticket
-- of an earlier business day is reset (ticket.reset). Returns the current business day.
local function roll_day(cfg, ms)
  local day = business_day(cfg, ms)
  local today = tonumber(redis.call('GET', k('today')) or '0')
  if day.ymd <= today then return day end
  for _, s in ipairs(split(cfg.services)) do
    for _, id in ipairs(redis.call('ZRANGE', k('line:' .. s), 0, -1)) do
      local t = ticket(id)
      if not t then
        redis.call('ZREM', k('line:' .. s), id)
      elseif tonumber(t.day) < day.ymd then
        redis.call('ZREM', k('line:' .. s), id)
        redis.call('HSET', k('t:' .. id), 'status', 'reset', 'closedAt', ms)
        t.status = 'reset'
        emit({ type = 'ticket.reset', actor = { kind = 'system' }, ticket = ticket_ref(t) }, nil, ms)
      end
    end
  end
  redis.call('SET', k('today'), day.ymd)
  return day
end

-- The common start of every counter action: an idempotent replay, an unknown branch or counter, or a clerk who
-- may not act here ends the script with that answer (first result); otherwise: nil, config, counter state.
local function counter_action_start(idk, fp, c, actor_kind, actor_id)
  local replay = idem_get(idk, fp)
  if replay then return replay end
  local cfg = config()
  if not cfg then return fail('not_configured', 'branch is not mirrored to Redis') end
  local s = counter_state(c)
  local refusal = counter_refusal(c, s, actor_kind, actor_id)
  if refusal then return refusal end
  return nil, cfg, s
end
