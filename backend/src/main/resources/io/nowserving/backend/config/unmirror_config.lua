-- unmirror_config.lua: forgets a removed branch's configuration in Redis once SQL has removed it. The cfg hash
-- stays as a tombstone holding the last version (lib/core.lua's config() treats it as no branch), so a mirror
-- that read SQL before the removal cannot bring the branch back, and a branch created again under the same id
-- starts above that version. Epoch, seq and the stream stay: history of the id continues without a repeat.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] tombstone version (one more than the removed configuration's)
-- Builds: cfg:svc:{s}, cfg:ctr:{c}, ctr:{c}, seq, events, live
-- Result: "removed", or "stale" (Redis already holds this or a newer version: nothing written).
local version = tonumber(ARGV[1])
local current = hgetall(KEYS[1])
if current.version and tonumber(current.version) >= version then return 'stale' end
for _, s in ipairs(split(current.services)) do redis.call('DEL', k('cfg:svc:' .. s)) end
for _, c in ipairs(split(current.counters)) do redis.call('DEL', k('cfg:ctr:' .. c), k('ctr:' .. c)) end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'version', version, 'removed', '1')
emit({ type = 'config.changed', actor = { kind = 'system' }, config = { version = version } }, nil, now_ms())
return 'removed'
