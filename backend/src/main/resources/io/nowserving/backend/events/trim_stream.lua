-- trim_stream.lua: stream retention. Keeps at least the newest ARGV[1] events and every event of the last
-- ARGV[2] ms, whichever is more, and never trims past the highest seq SQL committed. Redis 5.0 has no
-- the 6.2 minimum-id form of XTRIM: the bound is turned into an exact XTRIM MAXLEN here, atomically.
-- Stream ids are "<seq>-0", not times, so the time bound is found by binary search over seq on the events' own
-- "at" (Redis TIME when emitted): O(log n) one-entry XRANGE reads, no index to maintain.
-- KEYS[1] <prefix>{b}:cfg
-- ARGV[1] events to keep  ARGV[2] ms to keep  ARGV[3] highest committed seq (0: trim nothing)
-- ARGV[4] most entries to trim in one run (bounds the script's work; the next run continues)
-- Builds: events
-- Result: {"length": entries left, "trimmed": entries removed}
local key = k('events')
local keep_n, keep_ms = tonumber(ARGV[1]), tonumber(ARGV[2])
local committed, batch = tonumber(ARGV[3]), tonumber(ARGV[4])
local len = redis.call('XLEN', key)
if len <= keep_n or committed <= 0 then return cjson.encode({ length = len, trimmed = 0 }) end

local function seq_of(entry) return tonumber(string.match(entry[1], '^(%d+)')) end
local function at_of(entry)
  local f = entry[2]
  for i = 1, #f, 2 do
    if f[i] == 'e' then return tonumber(cjson.decode(f[i + 1]).at) or 0 end
  end
  return 0
end
local function at_or_after(seq) return redis.call('XRANGE', key, seq .. '-0', '+', 'COUNT', 1)[1] end

local first = redis.call('XRANGE', key, '-', '+', 'COUNT', 1)[1]
local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)[1]
local first_seq, last_seq = seq_of(first), seq_of(last)
local contiguous = last_seq - first_seq + 1 == len

-- the count bound: the seq of the keep_n-th newest entry
local keep_count
if contiguous then
  keep_count = last_seq - keep_n + 1
else
  local tail = redis.call('XREVRANGE', key, '+', '-', 'COUNT', keep_n)
  keep_count = seq_of(tail[#tail])
end

-- the time bound: the smallest seq whose entry (or the next one present) is not older than the cutoff
local cutoff = now_ms() - keep_ms
local lo, hi = first_seq, last_seq + 1
while lo < hi do
  local mid = math.floor((lo + hi) / 2)
  local e = at_or_after(mid)
  if at_of(e) >= cutoff then hi = mid else lo = mid + 1 end
end

local keep_from = math.min(keep_count, lo, committed + 1)
if keep_from <= first_seq then return cjson.encode({ length = len, trimmed = 0 }) end
local trim
if contiguous then
  trim = math.min(keep_from - first_seq, batch)
else
  trim = #redis.call('XRANGE', key, '-', (keep_from - 1) .. '-0', 'COUNT', batch)
end
if trim <= 0 then return cjson.encode({ length = len, trimmed = 0 }) end
redis.call('XTRIM', key, 'MAXLEN', len - trim)
return cjson.encode({ length = len - trim, trimmed = trim })
