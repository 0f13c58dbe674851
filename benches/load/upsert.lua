-- wrk script: upsertCustomer against `plain-contract serve` on loopback.
-- A pool of 1,000 customers with two names each, so the store stays bounded
-- and the results mix CREATED (first round), UPDATED and NOOP. The 2,000
-- bodies are built once, so wrk spends its time sending, not concatenating.
-- Any status but 2xx counts as an error (summary.errors.status). Bodies are not
-- inspected here (a Lua `response` callback costs wrk as much CPU as the server
-- spends on the request); benches/load/run.sh checks the store afterwards.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer plainApiKey_dev"

local query = "mutation upsertCustomer($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { result customer { id fullName email { email isVerified } } error { message type code } } }"
local bodies = {}
for n = 0, 1999 do
  local i = n % 1000
  local name = (n < 1000) and "Ada" or "Ada L."
  local email = "load" .. i .. "@example.com"
  bodies[n] = wrk.format(nil, nil, nil, '{"query":"' .. query .. '","variables":{"input":{"identifier":{"emailAddress":"' .. email ..
    '"},"onCreate":{"fullName":"' .. name .. '","email":{"email":"' .. email .. '","isVerified":true}},"onUpdate":{"fullName":{"value":"' .. name .. '"}}}}}')
end
local n = 0

request = function()
  n = (n + 1) % 2000
  return bodies[n]
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, socket errors %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
