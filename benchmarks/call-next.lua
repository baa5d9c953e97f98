-- wrk: call-next at counters 1-3 of the demo branch as the owner (token in the environment variable NS_TOKEN)
local n = 0
local token = os.getenv("NS_TOKEN")
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v1/branches/main/counters/" .. (n % 3 + 1) .. "/call-next",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, "")
end
