-- presence_keys.lua: the presence-token signing keys, rotated when the current one is old enough.
-- KEYS[1] <prefix>{auth}:presence (hash: cur, curKey, prev, prevKey, rotatedAt)
-- ARGV[1] now (epoch ms)   ARGV[2] rotate after ms   ARGV[3] new key id   ARGV[4] new secret (both made in Java
-- with SecureRandom)   ARGV[5] key time-to-live ms (several rotation periods: unused keys end)
-- Result: "curId\tcurSecret\tprevId\tprevSecret" (prev empty before the first rotation).
-- Every instance signs with the same current key; tokens signed with the previous key still verify until they
-- expire (rotation period = token lifetime). Redis 5.0 commands only.
local h = redis.call('HMGET', KEYS[1], 'cur', 'curKey', 'prev', 'prevKey', 'rotatedAt')
local now = tonumber(ARGV[1])
if not h[1] or now - tonumber(h[5]) >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'prev', h[1] or '', 'prevKey', h[2] or '', 'cur', ARGV[3], 'curKey', ARGV[4],
    'rotatedAt', ARGV[1])
  h = { ARGV[3], ARGV[4], h[1] or '', h[2] or '' }
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return h[1] .. '\t' .. h[2] .. '\t' .. (h[3] or '') .. '\t' .. (h[4] or '')
