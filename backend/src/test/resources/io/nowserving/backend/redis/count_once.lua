-- count_once.lua (test): counts one call. KEYS[1] <prefix>{<branch>}:cfg   ARGV[1] how much   Result: the count.
return tostring(redis.call('INCRBY', k('count'), tonumber(ARGV[1])))
