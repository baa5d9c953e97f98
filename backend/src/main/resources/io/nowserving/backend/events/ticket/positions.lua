-- positions.lua: several tickets as their holders see them, in one round trip, for the ticket feeds of one
-- branch on one instance (read only). Uses the same ticket_view as GET …/tickets/{id}.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV ticket ids
-- Builds: seq, t:{id}, line:{s}, cfg:svc:{s}, svc:{s}:stats, ctr:{c}
-- Result: {"seq": the branch's seq at this read, "tickets": one entry per id, the view {id, number, service,
-- status, ahead, estimatedWait, counter} or null}.
local seq = tonumber(redis.call('GET', k('seq')) or '0')
if #ARGV == 0 then return cjson.encode({ seq = seq }) end
local out = {}
for i, id in ipairs(ARGV) do
  local t = ticket(id)
  if t then out[i] = ticket_view(t) else out[i] = cjson.null end
end
return cjson.encode({ seq = seq, tickets = out })
