-- wrk: anonymous take-ticket at the demo branch, no cookies (every request a new customer), services a and b
local n = 0
request = function()
  n = n + 1
  local service = (n % 3 == 0) and "b" or "a"
  return wrk.format("POST", "/api/v1/branches/main/tickets",
    {["Content-Type"] = "application/json"}, '{"service":"' .. service .. '"}')
end
