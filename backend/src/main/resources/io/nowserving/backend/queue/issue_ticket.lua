-- issue_ticket.lua: takes a number in a service.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] idempotency key hash or ''   ARGV[2] request fingerprint   ARGV[3] new ticket id (ULID)
-- ARGV[4] token hash (SHA-256 hex)     ARGV[5] service id            ARGV[6] language
-- ARGV[7] priority '1'|'0'             ARGV[8] channel (web|kiosk|line|staff)
-- ARGV[9] customer key hash or ''      ARGV[10] actor kind           ARGV[11] actor id or ''
-- ARGV[12] '1' when the caller showed a valid presence token or needs none (kiosk, staff, LINE)
-- Builds: cfg:svc:{s}, t:{id}, line:{s}, day:{ymd}:n:{s}, day:{ymd}:cust:{hash}:{s}, seq, epoch, events, live,
--   tokens (private side stream of rotated token hashes: fields t = ticket id, h = hash; read into SQL by the
--   history writer so a rebuilt Redis honours the newest token; capped at about 100,000 entries)
-- Result: {"status":201|200,"ticket":{id,number,service,status,ahead,estimatedWait}} — 200 when the customer
-- already holds a live ticket in the service (its token is rotated to ARGV[4]); or {"error":...}:
-- not_configured, not_found, service_closed, branch_closed, presence_required, capacity_exhausted,
-- idempotency_key_reused. A replayed Idempotency-Key returns the first answer with the token rotated.
local idk, fp, id, th, service = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local lang, prio, channel, ck = ARGV[6], ARGV[7], ARGV[8], ARGV[9]

local function rotate(ticket_id)
  -- a replay may name a ticket that has since expired: never recreate it as a bare hash
  if redis.call('EXISTS', k('t:' .. ticket_id)) == 0 then return end
  redis.call('HSET', k('t:' .. ticket_id), 'tokenHash', th)
  redis.call('XADD', k('tokens'), 'MAXLEN', '~', 100000, '*', 't', ticket_id, 'h', th)
end

local replay = idem_get(idk, fp)
if replay then
  local prior = cjson.decode(replay)
  if prior.ticket then rotate(prior.ticket.id) end
  return replay
end

local cfg = config()
if not cfg then return fail('not_configured', 'branch is not mirrored to Redis') end
local scfg = hgetall(k('cfg:svc:' .. service))
if not scfg.prefix then return fail('not_found', 'unknown service ' .. service) end
if scfg.closed == '1' then return fail('service_closed', 'service ' .. service .. ' takes no tickets') end
local ms = now_ms()
if not is_open(cfg, ms) then return fail('branch_closed', 'the branch is closed now') end
if cfg.remote ~= '1' and ARGV[12] ~= '1' then
  return fail('presence_required', 'scan the QR code at the branch to take a ticket')
end
local day = roll_day(cfg, ms)
local expire_at = day.endMs + 2 * DAY_MS
local cust = nil
if ck ~= '' then
  cust = k('day:' .. day.ymd .. ':cust:' .. ck .. ':' .. service)
  local held = ticket(redis.call('GET', cust))
  if held and LIVE[held.status] then
    rotate(held.id)
    return idem_put(idk, fp, cjson.encode({ status = 200, ticket = ticket_view(held) }))
  end
end
local counter_key = k('day:' .. day.ymd .. ':n:' .. service)
local issued = tonumber(redis.call('GET', counter_key) or '0')
local capacity = tonumber(scfg.capacity)
if capacity and issued >= capacity then
  return fail('capacity_exhausted', 'service ' .. service .. ' has issued all ' .. capacity .. ' tickets of today')
end

-- validated: write
local n = redis.call('INCR', counter_key)
redis.call('PEXPIREAT', counter_key, expire_at)
local number = scfg.prefix .. string.format('%03d', n)
local seq = tonumber(redis.call('GET', k('seq')) or '0') + 1
-- Line order: priority band first, then arrival (the issuing event's seq: gapless, one clock for all instances).
local score = (prio == '1' and 0 or 1) * 1e12 + seq
local t = { id = id, number = number, service = service, status = 'waiting', priority = prio, language = lang,
            channel = channel, queuedAt = ms, issuedAt = ms, score = score, day = day.ymd, tokenHash = th }
redis.call('HSET', k('t:' .. id), 'id', id, 'number', number, 'service', service, 'status', 'waiting',
  'priority', prio, 'language', lang, 'channel', channel, 'queuedAt', ms, 'issuedAt', ms, 'score', score,
  'day', day.ymd, 'tokenHash', th, 'customerKey', ck)
redis.call('PEXPIREAT', k('t:' .. id), expire_at)
redis.call('ZADD', k('line:' .. service), score, id)
if cust then
  redis.call('SET', cust, id)
  redis.call('PEXPIREAT', cust, day.endMs)
end
local view = ticket_view(t)
local shown = { minSeconds = view.estimatedWait.minSeconds, maxSeconds = view.estimatedWait.maxSeconds,
                ahead = view.ahead }
local private = { tokenHash = th }
if ck ~= '' then private.customerKeyHash = ck end
emit({ type = 'ticket.issued', actor = actor(ARGV[10], ARGV[11]), ticket = ticket_ref(t), estimateShown = shown },
  private, ms)
return idem_put(idk, fp, cjson.encode({ status = 201, ticket = view }))
