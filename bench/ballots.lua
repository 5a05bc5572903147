-- wrk script for bench/ballots.sh: every request casts a ballot for a different
-- (voter, category), taken in turn from the jobs file the benchmark wrote
-- ("token category candidate" per line). Thread t of n takes lines t+1, t+1+n, …
-- The summary line at the end is read by crates/server/examples/bench_ballots.rs.

local threads = 0
local servers = nil

-- BENCH_SERVERS="127.0.0.1:PORT,127.0.0.1:PORT" (bench_ballots_pg with two server
-- processes): thread t sends to server t mod n instead of the URL's.
function setup(thread)
   local list = os.getenv("BENCH_SERVERS")
   if servers == nil and list ~= nil and list ~= "" then
      servers = {}
      for host, port in list:gmatch("([^,:]+):(%d+)") do
         servers[#servers + 1] = wrk.lookup(host, port)[1]
      end
   end
   if servers ~= nil then
      thread.addr = servers[(threads % #servers) + 1]
   end
   thread:set("thread_id", threads)
   threads = threads + 1
end

function init(args)
   tokens, categories, candidates = {}, {}, {}
   local f = assert(io.open(args[1]))
   for line in f:lines() do
      local t, c, k = line:match("(%S+) (%S+) (%S+)")
      tokens[#tokens + 1] = t
      categories[#categories + 1] = c
      candidates[#candidates + 1] = k
   end
   f:close()
   stride = tonumber(args[2])
   next_job = thread_id + 1
   device = "bench-device-" .. thread_id
end

function request()
   local i = next_job
   next_job = next_job + stride
   if tokens[i] == nil then
      -- Out of fresh voters: the benchmark sizes the file so this does not happen.
      error("jobs file exhausted")
   end
   return wrk.format("POST", "/api/v1/rounds/1/ballots/" .. categories[i], {
      ["x-device-id"] = device,
      ["cookie"] = "pingxuan_voter=" .. tokens[i],
      ["content-type"] = "application/json",
   }, '{"candidate_ids":[' .. candidates[i] .. ']}')
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("RESULT requests=%d duration_us=%d status_errors=%d socket_errors=%d timeouts=%d p50_us=%d p99_us=%d max_us=%d\n",
      summary.requests, summary.duration, e.status, e.connect + e.read + e.write, e.timeout,
      latency:percentile(50), latency:percentile(99), latency.max))
end
