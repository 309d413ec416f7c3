-- wrk's side of bench/lib/wrk.ts: the same load as lib/closed-loop.ts, from
-- wrk. Arguments after `--`: the people file (one line per person: token,
-- extra header "Name: value" or empty, then their paths, tab-separated), the
-- expected episode ids (one per line, or "-" for none), and the thread count.
-- Each request goes to the next person in turn; each thread takes every
-- thread-count-th path of a person's list from its own offset, so no two
-- threads ask the same path. A 200 answer must hold exactly the expected
-- episodes (by "episode_id"), else it counts as wrong.

local threads = {}
local created = 0

function setup(thread)
  thread:set("offset", created)
  created = created + 1
  table.insert(threads, thread)
end

function init(args)
  local peopleFile, expectedFile = args[1], args[2]
  step = tonumber(args[3])
  people = {}
  for line in io.lines(peopleFile) do
    local fields = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do table.insert(fields, field) end
    local person = { headers = { ["Accept"] = "application/json" }, paths = {}, cursor = offset }
    if fields[1] ~= "" then person.headers["Authorization"] = "Bearer " .. fields[1] end
    if fields[2] ~= "" then
      local name, value = fields[2]:match("^([^:]+):%s*(.*)$")
      person.headers[name] = value
    end
    for i = 3, #fields do table.insert(person.paths, fields[i]) end
    table.insert(people, person)
  end
  expected = nil
  expectedCount = 0
  if expectedFile ~= "-" then
    expected = {}
    for id in io.lines(expectedFile) do
      expected[id] = true
      expectedCount = expectedCount + 1
    end
  end
  turn = offset
  wrong = 0
end

function request()
  turn = turn % #people + 1
  local person = people[turn]
  local path = person.paths[person.cursor % #person.paths + 1]
  person.cursor = person.cursor + step
  return wrk.format("GET", path, person.headers)
end

function response(status, headers, body)
  if status ~= 200 or expected == nil then return end
  local seen, right = 0, 0
  for id in body:gmatch('"episode_id":"([^"]+)"') do
    seen = seen + 1
    if expected[id] then right = right + 1 end
  end
  if seen ~= expectedCount or right ~= expectedCount then wrong = wrong + 1 end
end

function done(summary, latency, requests)
  local wrongTotal = 0
  for _, thread in ipairs(threads) do wrongTotal = wrongTotal + (thread:get("wrong") or 0) end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
    '"p50":%.3f,"p90":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f,"mean":%.3f,"wrong":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000, wrongTotal))
end
