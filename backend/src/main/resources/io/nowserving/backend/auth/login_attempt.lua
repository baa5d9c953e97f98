-- login_attempt.lua: admits a login attempt or refuses it, and counts an admitted attempt as a failure at once,
-- in one step: parallel guesses cannot all pass the check before any failure is recorded. A success takes its
-- count back (login_succeeded.lua).
-- KEYS[1] <prefix>{auth}:login:pair:<sha256 of account and hashed address>  (hash: n, until)
-- KEYS[2] <prefix>{auth}:login:addr:<hashed address>                        (hash: n, until)
-- ARGV[1] now (epoch ms, from the backend's clock)   ARGV[2] failures of a pair before any wait
-- ARGV[3] first wait ms (doubles with each further failure)   ARGV[4] longest wait ms   ARGV[5] pair key ttl ms
-- KEYS[3] <prefix>{auth}:login:names:<hashed address>   (string: pair keys this address made and no success took
--         back, expiring a pair ttl after the first)
-- ARGV[6] failures from one address per window that lock the address   ARGV[7] window (and lock) ms
-- ARGV[8] pair keys one address may hold; an attempt that would make one more locks the address for the window
--         and makes none, so any address holds a bounded number of keys. A success takes back only its own
--         pair's key (login_succeeded.lua): failing with random names between own good logins gains nothing.
-- Result: "0" when the attempt may run, else the ms until the next attempt of this pair from this address may.
-- Per pair, so that an attacker elsewhere cannot lock a clerk out; per address, so one address cannot try many
-- accounts. All keys carry the {auth} hash tag. Redis 5.0 commands only.
local now = tonumber(ARGV[1])
local blocked = math.max(tonumber(redis.call('HGET', KEYS[1], 'until') or '0'),
                         tonumber(redis.call('HGET', KEYS[2], 'until') or '0'))
if blocked > now then return string.format('%d', blocked - now) end

if redis.call('EXISTS', KEYS[1]) == 0 then
  local made = redis.call('INCR', KEYS[3])
  if made == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
  if made > tonumber(ARGV[8]) then
    redis.call('DECR', KEYS[3])
    redis.call('HSET', KEYS[2], 'until', string.format('%d', now + tonumber(ARGV[7])))
    redis.call('PEXPIRE', KEYS[2], ARGV[7])
    return ARGV[7]
  end
end
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
local free = tonumber(ARGV[2])
if n > free then
  local wait = math.min(tonumber(ARGV[3]) * 2 ^ (n - free - 1), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'until', string.format('%d', now + wait))
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
local a = redis.call('HINCRBY', KEYS[2], 'n', 1)
if a == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[7]) end
if a >= tonumber(ARGV[6]) then
  redis.call('HSET', KEYS[2], 'until', string.format('%d', now + tonumber(ARGV[7])))
  redis.call('PEXPIRE', KEYS[2], ARGV[7])
end
return '0'
