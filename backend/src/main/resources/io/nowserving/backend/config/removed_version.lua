-- removed_version.lua: the version a removed branch's tombstone holds (see unmirror_config.lua), so a branch
-- created again under the same id is saved above it; 0 when the id was never removed here.
-- KEYS[1] <prefix>{b}:cfg
-- Result: the tombstone's version, or "0".
local cfg = hgetall(KEYS[1])
if cfg.removed and cfg.version then return cfg.version end
return '0'
