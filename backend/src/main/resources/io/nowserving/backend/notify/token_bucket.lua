-- token_bucket.lua: takes one token from a sending channel's bucket, shared by every instance.
-- KEYS[1] <prefix>{notify}:bucket:<channel> (hash: tokens, at = Redis time in µs of the last refill)
-- ARGV[1] tokens per second   ARGV[2] capacity (burst)
-- Result: '0' when a token was taken, else the milliseconds until one will be there (nothing taken).
-- Time from Redis TIME, so instances whose clocks differ share one rate. Redis 5.0 commands only.
redis.replicate_commands()
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local rate, cap = tonumber(ARGV[1]), tonumber(ARGV[2])
local v = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(v[1]), tonumber(v[2])
if not tokens or not at then tokens, at = cap, now end
if now > at then
  tokens = math.min(cap, tokens + (now - at) * rate / 1000000)
  at = now
end
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) * 1000 / rate))
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%d', at))
redis.call('PEXPIRE', KEYS[1], 60000)
return tostring(wait)
