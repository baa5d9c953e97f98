-- head.lua: where the branch's event sequence stands, epoch and seq read together (read only).
-- KEYS[1] <prefix>{b}:cfg
-- Builds: epoch, seq
-- Result: {"epoch": e, "seq": n}; epoch is absent when the branch has none (never mirrored, or a wiped Redis).
local epoch = redis.call('GET', k('epoch'))
local seq = tonumber(redis.call('GET', k('seq')) or '0')
if not epoch then return cjson.encode({ seq = seq }) end
return cjson.encode({ epoch = epoch, seq = seq })
