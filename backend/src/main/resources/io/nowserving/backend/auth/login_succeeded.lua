-- login_succeeded.lua: a successful login forgets its pair's failures and takes back the address count its
-- attempt took (login_attempt.lua), lifting a lock that only its own attempt set.
-- KEYS[1] <prefix>{auth}:login:pair:<...>   KEYS[2] <prefix>{auth}:login:addr:<...>
-- KEYS[3] <prefix>{auth}:login:names:<...>  (the pair keys the address holds: this pair's is gone)
-- ARGV[1] failures from one address per window that lock the address
-- Result: "OK". Redis 5.0 commands only; the address key keeps its expiry (HINCRBY never sets one).
if redis.call('DEL', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[3]) or '0') > 0 then
  redis.call('DECR', KEYS[3])
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  local a = redis.call('HINCRBY', KEYS[2], 'n', -1)
  if a < tonumber(ARGV[1]) then redis.call('HDEL', KEYS[2], 'until') end
end
return 'OK'
