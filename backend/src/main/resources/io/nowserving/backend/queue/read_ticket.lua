-- read_ticket.lua: a ticket as its holder sees it (read only).
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] ticket id  ARGV[2] token hash presented, or '' for staff (who need none)
-- Result: {id, number, service, status, ahead, estimatedWait, counter} or {"error":"not_found"}.
local t = ticket(ARGV[1])
if not t or (ARGV[2] ~= '' and t.tokenHash ~= ARGV[2]) then return fail('not_found', 'no such ticket') end
return cjson.encode(ticket_view(t))
