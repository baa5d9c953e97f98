-- restore.lua: rebuilds a branch's live queue state from SQL after Redis lost it (the recover command).
-- KEYS[1] <prefix>{b}:cfg (mirrored by ConfigMirror just before)
-- ARGV[1] JSON, every value a string: {force "1"|"0", epoch (new, random, Java), floorSeq (SQL's highest seq),
--   today (yyyymmdd), tickets:[{id, number, service, status, priority, language, channel, queuedAt, issuedAt,
--   score, day, tokenHash, customerKey, counter, calledAt, calledBy, closedAt, recalls, transfers, expireAt}],
--   counters:[{id, state, clerk, ticket}], numbering:[{day, service, n, expireAt}],
--   customers:[{day, hash, service, id, expireAt}], stats:[{service, avg, n}], recent:[JSON text, newest first]}
-- Builds: t:{id}, line:{s}, ctr:{c}, day:{ymd}:n:{s}, day:{ymd}:cust:{hash}:{s}, svc:{s}:stats, recent, epoch, seq
-- Result: {"restored": tickets, "waiting": n, "epoch": e, "seq": s} or {"error":...}: not_configured,
-- live_state (unless force: the branch has people waiting, a counter serving, or today's numbering in Redis).
-- No event: the new epoch tells every client to take a snapshot; seq continues from SQL's highest (or Redis'
-- own, if higher), so stream ids keep growing and SQL never sees a key twice.
local p = cjson.decode(ARGV[1])
local cfg = config()
if not cfg then return fail('not_configured', 'branch is not mirrored to Redis') end
local services, counters = split(cfg.services), split(cfg.counters)
if p.force ~= '1' then
  for _, s in ipairs(services) do
    if redis.call('ZCARD', k('line:' .. s)) > 0 then return fail('live_state', 'tickets wait in service ' .. s) end
    if redis.call('EXISTS', k('day:' .. p.today .. ':n:' .. s)) == 1 then
      return fail('live_state', 'service ' .. s .. ' has issued tickets today')
    end
  end
  for _, c in ipairs(counters) do
    local t = redis.call('HGET', k('ctr:' .. c), 'ticket')
    if t and t ~= '' then return fail('live_state', 'counter ' .. c .. ' is serving') end
  end
end

-- validated: write
for _, s in ipairs(services) do redis.call('DEL', k('line:' .. s)) end
local waiting = 0
local FIELDS = { 'id', 'number', 'service', 'status', 'priority', 'language', 'channel', 'queuedAt', 'issuedAt',
                 'score', 'day', 'tokenHash', 'customerKey', 'counter', 'calledAt', 'calledBy', 'closedAt', 'recalls',
                 'transfers' }
for _, t in ipairs(p.tickets) do
  local key = k('t:' .. t.id)
  redis.call('DEL', key)
  local args = {}
  for _, f in ipairs(FIELDS) do
    if t[f] ~= nil and t[f] ~= cjson.null then
      args[#args + 1] = f
      args[#args + 1] = t[f]
    end
  end
  redis.call('HSET', key, unpack(args))
  redis.call('PEXPIREAT', key, t.expireAt)
  if t.status == 'waiting' then
    redis.call('ZADD', k('line:' .. t.service), t.score, t.id)
    waiting = waiting + 1
  end
end
for _, c in ipairs(p.counters) do
  redis.call('HSET', k('ctr:' .. c.id), 'state', c.state, 'clerk', c.clerk, 'ticket', c.ticket)
end
-- numbering never goes back: SQL's high mark can lag behind what Redis still holds (a forced recovery of a
-- Redis that was not lost), and a number handed out must never be handed out again
for _, n in ipairs(p.numbering) do
  local key = k('day:' .. n.day .. ':n:' .. n.service)
  if tonumber(n.n) > tonumber(redis.call('GET', key) or '0') then redis.call('SET', key, n.n) end
  redis.call('PEXPIREAT', key, n.expireAt)
end
for _, c in ipairs(p.customers) do
  local key = k('day:' .. c.day .. ':cust:' .. c.hash .. ':' .. c.service)
  redis.call('SET', key, c.id)
  redis.call('PEXPIREAT', key, c.expireAt)
end
for _, s in ipairs(p.stats) do
  redis.call('HSET', k('svc:' .. s.service .. ':stats'), 'avg', s.avg, 'n', s.n)
end
redis.call('DEL', k('recent'))
for _, r in ipairs(p.recent) do redis.call('RPUSH', k('recent'), r) end
redis.call('SET', k('epoch'), p.epoch)
local seq = math.max(tonumber(redis.call('GET', k('seq')) or '0'), tonumber(p.floorSeq))
redis.call('SET', k('seq'), seq)
return cjson.encode({ restored = #p.tickets, waiting = waiting, epoch = p.epoch, seq = seq })
