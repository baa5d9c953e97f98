-- new_epoch.lua: the epoch rule of invariant 2. When Redis' sequence is behind what is known to have existed
-- (the highest seq this instance saw, or SQL committed), Redis lost its tail (AOF, failover, restore): start a new
-- epoch whose seq continues after the highest known, so no <epoch>.<seq> is ever handed out twice.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] the new epoch (random, made in Java)  ARGV[2] highest seq known to have existed (seen or committed)
-- Builds: epoch, seq
-- Result: "current" (Redis is not behind: nothing written) or "new <seq Redis had>" (epoch and seq replaced).
local known = tonumber(ARGV[2])
local seq = tonumber(redis.call('GET', k('seq')) or '0')
if seq >= known then return 'current' end
redis.call('SET', k('epoch'), ARGV[1])
redis.call('SET', k('seq'), known)
return 'new ' .. seq
