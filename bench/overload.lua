-- wrk script for bench/overload.py: one request shape from the environment, paced per
-- connection (PACE_MS), counting answers by status and missing Retry-After headers.
wrk.method = os.getenv("METHOD") or "GET"
wrk.path = os.getenv("URL_PATH") or "/"
wrk.body = os.getenv("BODY")
wrk.headers["Cookie"] = os.getenv("COOKIE")
wrk.headers["X-CSRFToken"] = os.getenv("CSRF")
wrk.headers["Referer"] = os.getenv("REFERER")
if wrk.method == "POST" then
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
local pace = tonumber(os.getenv("PACE_MS") or "0")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function delay()
  return pace
end

local function has_retry_after(headers)
  for name, _ in pairs(headers) do
    if string.lower(name) == "retry-after" then return true end
  end
  return false
end

function response(status, headers, body)
  local key = tostring(status)
  if (status == 429 or status == 503) and not has_retry_after(headers) then
    key = key .. "-without-Retry-After"
  end
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("counts")) do
      io.write(string.format("status %s %d\n", key, n))
    end
  end
  local e = summary.errors
  io.write(string.format("socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("duration_s %.3f\n", summary.duration / 1e6))
  io.write(string.format("p99_ms %.1f\n", latency:percentile(99) / 1000))
  io.write(string.format("max_ms %.1f\n", latency.max / 1000))
end
