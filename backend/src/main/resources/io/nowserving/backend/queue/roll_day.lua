-- roll_day.lua: ends a past business day if nobody has yet (every instance runs it each minute; issuing and
-- calling do it lazily too). Idempotent.
-- KEYS[1] <prefix>{b}:cfg
-- Result: "rolled" (a past day was ended), "current" (nothing to do) or "not_configured".
local cfg = config()
if not cfg then return 'not_configured' end
local before = redis.call('GET', k('today'))
local day = roll_day(cfg, now_ms())
-- the first day a branch sees has nothing before it to end
if not before or before == tostring(day.ymd) then return 'current' end
return 'rolled'
