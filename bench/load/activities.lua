-- wrk script for the load benchmark (bench/run-load.sh).
--   wrk ... -s activities.lua URL -- post QUESTIONS.jsonl [CONVERSATIONS]   POST varied message activities
--   wrk ... -s activities.lua URL -- get                                   plain GETs (the /healthz ceiling)
-- Messages are Emulator-style activities with "deliveryMode": "expectReplies" (replies come back in the
-- response body), one for each question of a tests/eval question set (its "q" field) in each of
-- CONVERSATIONS conversations (default 25), sent in a shuffled fixed order. Requests are formatted once,
-- in init, so the script costs wrk almost nothing per request. done() prints one JSON line.

local requests = {}
local index = 0

local function questions_of(path)
  local found = {}
  for line in io.lines(path) do
    local start = line:find('"q"%s*:%s*"')
    if start then
      local from = line:find('"', line:find(':', start + 3) + 1) + 1
      local i = from
      -- The JSON string as written (escapes kept): it goes back into JSON unchanged.
      while i <= #line do
        local c = line:sub(i, i)
        if c == '\\' then i = i + 2 elseif c == '"' then break else i = i + 1 end
      end
      found[#found + 1] = line:sub(from, i - 1)
    end
  end
  return found
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

function init(args)
  local mode = args[1] or "get"
  if mode ~= "post" then return end
  local qs = questions_of(args[2])
  local conversations = tonumber(args[3] or "25")
  local bodies = {}
  local n = 0
  for c = 1, conversations do
    for q = 1, #qs do
      n = n + 1
      bodies[n] = string.format(
        '{"type":"message","id":"m%d","timestamp":"2026-11-24T10:00:00.000Z","serviceUrl":"http://127.0.0.1:9/",' ..
        '"channelId":"emulator","from":{"id":"user-%d","name":"User","role":"user"},"conversation":{"id":"load-%d-%d"},' ..
        '"recipient":{"id":"bot","name":"Bot","role":"bot"},"textFormat":"plain","locale":"en-US",' ..
        '"text":"%s","deliveryMode":"expectReplies"}',
        n, c, thread_number or 1, c, qs[q])
    end
  end
  -- A fixed shuffle (stride coprime with n), so consecutive requests ask different questions.
  local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return a end
  local stride = 7919 % n
  while stride == 0 or gcd(stride, n) ~= 1 do stride = stride + 1 end
  local headers = { ["Content-Type"] = "application/json" }
  for i = 0, n - 1 do
    requests[i + 1] = wrk.format("POST", nil, headers, bodies[(i * stride) % n + 1])
  end
  index = ((thread_number or 1) * 97) % n
end

function request()
  if #requests == 0 then return wrk.format() end
  index = index % #requests + 1
  return requests[index]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_status":%d,"errors_timeout":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
