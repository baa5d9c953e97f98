-- lib/core.lua: prepended by ScriptLoader to every script before SCRIPT LOAD.
-- Convention: KEYS[1] is always the branch's configuration hash "<prefix>{<branch>}:cfg"; scripts build the
-- branch's other keys from it (same hash tag, hence same cluster slot, on purpose). Redis 5.0 commands only.
-- Results are JSON strings; a refusal is {"error": "<code>", "detail": "..."} and is returned before any write.
redis.replicate_commands()

local B = string.sub(KEYS[1], 1, -4)
local function k(suffix) return B .. suffix end

local function fail(code, detail)
  return cjson.encode({ error = code, detail = detail })
end

local DAY_MS = 86400000

-- Redis' clock in epoch ms, moved by the branch's test clock offset (set only when the backend runs with
-- NOWSERVING_TEST_CLOCK).
local function now_ms()
  local t = redis.call('TIME')
  local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local off = redis.call('GET', k('clock'))
  if off then ms = ms + tonumber(off) end
  return ms
end

local function hgetall(key)
  local flat = redis.call('HGETALL', key)
  local t = {}
  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
  return t
end

local function split(s)
  local out = {}
  if s then for part in string.gmatch(s, '[^,]+') do out[#out + 1] = part end end
  return out
end

-- The branch configuration mirrored from SQL, or nil when the branch is unknown to this Redis or removed (a
-- tombstone left by config/unmirror_config.lua).
local function config()
  local cfg = hgetall(KEYS[1])
  if not cfg.version or cfg.removed then return nil end
  return cfg
end

-- Local wall-clock ms from the zone offset the mirror wrote (with its next change, for daylight saving).
local function local_ms(cfg, ms)
  local off = tonumber(cfg.tzOffset)
  local change = tonumber(cfg.tzNextChange)
  if change and change > 0 and ms >= change then off = tonumber(cfg.tzNextOffset) end
  return ms + off * 1000
end

-- Proleptic Gregorian date (yyyymmdd) of a count of days since 1970-01-01 (H. Hinnant's civil_from_days).
local function civil(z)
  z = z + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return y * 10000 + m * 100 + d
end

-- The business day: {ymd, endMs} where endMs is when it ends in UTC ms (approximate across an offset change).
-- A day start inside a fall-back hour (02:30 in Europe/Berlin) comes twice on the wall clock: the day begins at
-- the first, and the replayed hour still belongs to it. The day marker (`today`, set by roll_day) tells that the
-- next day has begun; it counts only in the last two hours before a day start, so nothing else moves.
local OVERLAP_MS = 2 * 3600000
local function business_day(cfg, ms)
  local start = tonumber(cfg.dayStart) * 60000
  local lms = local_ms(cfg, ms)
  local days = math.floor((lms - start) / DAY_MS)
  if lms - start - days * DAY_MS >= DAY_MS - OVERLAP_MS
      and tonumber(redis.call('GET', k('today')) or '0') == civil(days + 1) then
    days = days + 1
  end
  local end_local = (days + 1) * DAY_MS + start
  return { ymd = civil(days), endMs = ms + (end_local - lms) }
end

-- Whether the branch takes tickets now: not closed by staff, not a closed day, inside opening hours.
-- cfg.hours is "always" or "<isoWeekday>:<fromMinute>-<toMinute>,..." in local time (to may be 1440).
local function is_open(cfg, ms)
  if cfg.staffClosed == '1' then return false end
  local lms = local_ms(cfg, ms)
  local days = math.floor(lms / DAY_MS)
  if cfg.closedDays and string.find(cfg.closedDays, ',' .. civil(days) .. ',', 1, true) then return false end
  if cfg.hours == 'always' then return true end
  local weekday = ((days + 3) % 7) + 1
  local minute = math.floor((lms - days * DAY_MS) / 60000)
  for d, from, to in string.gmatch(cfg.hours or '', '(%d):(%d+)-(%d+)') do
    if tonumber(d) == weekday and minute >= tonumber(from) and minute < tonumber(to) then return true end
  end
  return false
end

-- Events. Every state change appends its event to the stream with id "<seq>-0" and publishes it, in the same
-- script. The private part (token and customer-key hashes) goes to the stream only, never to the channel.
local function emit(ev, private, ms)
  local seq = redis.call('INCR', k('seq'))
  ev.v = 1
  ev.epoch = redis.call('GET', k('epoch'))
  ev.seq = seq
  ev.at = ms
  local json = cjson.encode(ev)
  if private then
    redis.call('XADD', k('events'), seq .. '-0', 'e', json, 'p', cjson.encode(private))
  else
    redis.call('XADD', k('events'), seq .. '-0', 'e', json)
  end
  redis.call('PUBLISH', k('live'), json)
  return seq
end

local function actor(kind, id)
  if id == nil or id == '' then return { kind = kind } end
  return { kind = kind, id = id }
end

-- Idempotency: answers of successful requests are kept 24 h under a key already scoped to the caller's
-- credential by Java; fp is a hash of the request (method, path, body).
local function idem_get(idk, fp)
  if idk == '' then return nil end
  local v = redis.call('HMGET', k('idem:' .. idk), 'fp', 'answer')
  if not v[1] then return nil end
  if v[1] ~= fp then return fail('idempotency_key_reused', 'this Idempotency-Key was used with another request') end
  return v[2]
end

local function idem_put(idk, fp, answer)
  if idk ~= '' then
    redis.call('HSET', k('idem:' .. idk), 'fp', fp, 'answer', answer)
    redis.call('EXPIRE', k('idem:' .. idk), 86400)
  end
  return answer
end
