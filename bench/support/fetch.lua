-- wrk script for bench/scenarios/exchange.py: POST a lookup for a random subject per request.
-- Environment: BENCH_SUBJECTS (file, one ID number per line), BENCH_TOKEN, BENCH_PATH,
-- BENCH_BODY (JSON with two %s: the subject and a reference).
local subjects = {}
for line in io.lines(os.getenv("BENCH_SUBJECTS")) do subjects[#subjects + 1] = line end
local path, body = os.getenv("BENCH_PATH"), os.getenv("BENCH_BODY")
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  counter = counter + 1
  local subject = subjects[math.random(#subjects)]
  return wrk.format(nil, path, nil, string.format(body, subject, "BENCH-" .. seed .. "-" .. counter))
end

function done(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"errors_status": %d, "errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
