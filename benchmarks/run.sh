#!/usr/bin/env bash
# The take-ticket benchmark of BENCHMARKS.md: the packaged backend jar (embedded Redis with the shipped
# `appendfsync always`, embedded H2, the demo branch; the web-ticket rate limit raised) measured from outside by wrk,
# beside the raw ceiling of the same Lua script by redis-benchmark on the same Redis in the same run.
#
#   benchmarks/run.sh [--rounds 3] [--seconds 10] [--fsync always|everysec] [--sse "1000 10000"] [--sse-calls 10]
#                     [--raw-requests 20000] [--no-build] [--no-write]
#
# Then the SSE fan-out: for each client count, benchmarks/SseFanout.java (its own JVM) opens that many feed clients
# and times call-next's ticket.called to all of them, and the server's heap after GC per connection.
#
# Prints a table of medians (with the spread over the rounds) and the ratio HTTP / raw, and rewrites its own section
# of BENCHMARKS.md (between the run.sh markers; other sections stay). JAVA_OPTS reaches the backend's JVM (e.g. a
# JFR recording). Needs wrk and redis-benchmark/redis-cli (Debian: wrk, redis-tools).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=3 SECONDS_EACH=10 FSYNC=always BUILD=1 WRITE=1 RAW_REQUESTS=20000 SSE="1000 10000" SSE_CALLS=10
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --fsync) FSYNC=$2; shift 2 ;;
    --raw-requests) RAW_REQUESTS=$2; shift 2 ;;
    --sse) SSE=$2; shift 2 ;;
    --sse-calls) SSE_CALLS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-write) WRITE=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in wrk redis-benchmark redis-cli curl java; do
  command -v "$tool" >/dev/null || { echo "benchmarks/run.sh needs $tool on the PATH (Debian: apt-get install wrk redis-tools curl)" >&2; exit 2; }
done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true # one descriptor per SSE client, on each side
JAR="$ROOT/backend/target/nowserving-backend.jar"
if [ "$BUILD" = 1 ]; then
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl backend -am package -DskipTests)
fi
WORK=$(mktemp -d /tmp/nowserving-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)
PASSWORD=bench-owner-password-$RANDOM$RANDOM
BACKEND_PID=
cleanup() {
  if [ -n "$BACKEND_PID" ]; then kill "$BACKEND_PID" 2>/dev/null || true; wait "$BACKEND_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "starting the backend on 127.0.0.1:$PORT (data in $WORK)"
NOWSERVING_DATA_DIR="$WORK/data" NOWSERVING_HTTP_PORT=$PORT NOWSERVING_BIND=127.0.0.1 \
  NOWSERVING_RATE_LIMIT_PER_MINUTE=1000000000 NOWSERVING_FEED_CONNECTIONS_PER_ADDRESS=1000000 \
  NOWSERVING_ADMIN_PASSWORD=$PASSWORD NOWSERVING_PASSWORD_COST=10 \
  java ${JAVA_OPTS:-} -jar "$JAR" >"$WORK/backend.log" 2>&1 &
BACKEND_PID=$!
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 240); do
  curl -fs -o /dev/null "$BASE/readyz" && break
  kill -0 "$BACKEND_PID" 2>/dev/null || { cat "$WORK/backend.log"; exit 1; }
  sleep 0.5
done
curl -fs -o /dev/null "$BASE/readyz" || { echo "the backend did not get ready"; tail -50 "$WORK/backend.log"; exit 1; }
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
  "$BASE/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "could not sign in as admin"; exit 1; }
export NS_TOKEN=$TOKEN
for counter in 1 2 3; do
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/branches/main/counters/$counter/open"
done

REDIS_PORT=$(sed -n 's/^port=//p' "$WORK/data/redis/server.properties")
REDIS_PASSWORD=$(cat "$WORK/data/redis/password")
rcli() { REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -p "$REDIS_PORT" "$@"; }
rcli CONFIG SET appendfsync "$FSYNC" >/dev/null
java -cp "$JAR" "$ROOT/benchmarks/ScriptBody.java" queue.QueueStore issue_ticket.lua >"$WORK/issue.lua"
SHA=$(rcli SCRIPT LOAD "$(cat "$WORK/issue.lua")")
# the raw ceiling issues its tickets under a prefix of its own (a copy of the demo branch's configuration), so that
# neither this backend's history writer nor its feed works on them while HTTP is measured
for key in $(rcli --scan --pattern 'ns:{main}:cfg*'); do
  rcli COPY "$key" "bench${key#ns}" REPLACE >/dev/null
done
REDIS_VERSION=$(rcli INFO server | sed -n 's/^redis_version:\([^\r]*\).*/\1/p')

# wrk's figures for one run: requests/s, p50 ms, p99 ms, non-2xx + socket errors
wrk_run() { # <connections> <script or -> <path>
  local out
  if [ "$2" = - ]; then
    out=$(wrk -t1 -c"$1" -d"${SECONDS_EACH}s" --latency "$BASE$3")
  else
    out=$(wrk -t2 -c"$1" -d"${SECONDS_EACH}s" --latency -s "$ROOT/benchmarks/$2" "$BASE$3")
  fi
  echo "$out" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { bad += $NF }
    /Socket errors/ { gsub(/,/, ""); bad += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad }'
}
raw_run() { # <pipeline> [<requests> [<prefix>]]: ARGV as issue_ticket.lua takes them, the run id last (see RawCeiling)
  redis-benchmark -p "$REDIS_PORT" -a "$REDIS_PASSWORD" -c 50 -P "$1" -n "${2:-$RAW_REQUESTS}" -r 2000000000 --csv \
    EVALSHA "$SHA" 1 "${3:-bench}:{main}:cfg" "" "" BENCH__rand_int__ th__rand_int__ a en 0 web ck__rand_int__ customer \
    "" 1 RUN__rand_int__ 2>/dev/null | awk -F'","' '/^"EVALSHA/ { printf "%.0f\n", $2 }'
}
# drop the raw run's tickets (only its own prefix)
raw_clean() { rcli --scan --pattern 'bench:{main}:*' | grep -v ':cfg' | xargs -r -n 500 env REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -p "$REDIS_PORT" UNLINK >/dev/null; }
# waits until the history writer has caught up with the demo branch (its lag in /readyz is 0)
drained() {
  for _ in $(seq 1 600); do
    curl -fs "$BASE/readyz" | grep -q '"lagEvents":[1-9]' || return 0
    sleep 0.5
  done
  echo "the history writer did not catch up within 5 minutes" >&2
}
# tickets waiting for the call-next runs: issued by the script itself on the demo branch, then written to SQL
fill() { raw_run 16 "$1" ns >/dev/null; drained; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

LOAD_BEFORE=$(loadavg)
echo "warm-up (${SECONDS_EACH} s each)"
wrk_run 16 take-ticket.lua /api/v1/branches/main/tickets >/dev/null
wrk_run 16 call-next.lua /api/v1/branches/main/counters/1/call-next >/dev/null
: >"$WORK/figures"
for round in $(seq 1 "$ROUNDS"); do
  for c in 16 64; do
    drained
    echo "take $c $(wrk_run $c take-ticket.lua /api/v1/branches/main/tickets)" >>"$WORK/figures"
  done
  # enough waiting tickets for the call-next runs: 1.5 times what take-ticket reached this round
  FILL=$(awk -v r="$round" -v s="$SECONDS_EACH" '$1 == "take" { n++ } $1 == "take" && n > 2 * (r - 1) && $3 > m { m = $3 }
    END { printf "%d\n", (m > 100 ? m : 100) * s * 1.5 }' "$WORK/figures")
  for c in 16 64; do
    fill "$FILL"
    echo "call $c $(wrk_run $c call-next.lua /api/v1/branches/main/counters/1/call-next)" >>"$WORK/figures"
  done
  drained
  echo "readyz 1 $(wrk_run 1 - /readyz)" >>"$WORK/figures"
  echo "version 16 $(wrk_run 16 - /api/v1/version)" >>"$WORK/figures"
  echo "raw 16 $(raw_run 16)" >>"$WORK/figures"
  echo "raw 1 $(raw_run 1)" >>"$WORK/figures"
  raw_clean
  echo "round $round of $ROUNDS done (load average $(loadavg))"
done
for clients in $SSE; do
  fill $((SSE_CALLS * 3 + 10))
  echo "SSE fan-out to $clients clients"
  java -Xss256k -cp "$JAR" "$ROOT/benchmarks/SseFanout.java" "$BASE" "$clients" "$SSE_CALLS" "$BACKEND_PID" \
    >>"$WORK/figures" || echo "sse $clients failed" >>"$WORK/figures"
done
LOAD_AFTER=$(loadavg)

# median and range of field <n> of the rows "<what> <conc> ..."
stat() { # <what> <conc> <field>
  awk -v w="$1" -v c="$2" -v f="$3" '$1 == w && $2 == c { print $f }' "$WORK/figures" | sort -g | awk '
    { v[NR] = $1 } END { if (NR == 0) { print "-"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      if (NR == 1) print m; else printf "%s (%s–%s)\n", m, v[1], v[NR] }'
}
# the median over the rounds of each round's ratio <what> <conc> / raw ceiling (-P 16) of the same round
ratio() {
  awk -v w="$1" -v c="$2" '$1 == w && $2 == c { a[++n] = $3 } $1 == "raw" && $2 == 16 { b[++m] = $3 }
    END { for (i = 1; i <= n && i <= m; i++) if (b[i] > 0) print a[i] / b[i] }' "$WORK/figures" | sort -g | awk '
    { v[NR] = $1 } END { if (NR == 0) { print "-"; exit } printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
http_row() { # <label> <what> <conc>
  local bad; bad=$(awk -v w="$2" -v c="$3" '$1 == w && $2 == c { s += $6 } END { print s + 0 }' "$WORK/figures")
  echo "| $1 | $(stat "$2" "$3" 3) req/s | $(stat "$2" "$3" 4) ms | $(stat "$2" "$3" 5) ms | $bad |"
}
TABLE=$(cat <<TABLE
Run of $(date -u '+%Y-%m-%d %H:%M UTC'): $ROUNDS rounds of ${SECONDS_EACH} s per figure, medians with (min–max) over
the rounds; $(nproc) cores, $(java -version 2>&1 | head -1), embedded redis-server $REDIS_VERSION with
\`appendfsync $FSYNC\`; load average (1, 5, 15 min) before $LOAD_BEFORE, after $LOAD_AFTER.

| figure | throughput | p50 | p99 | non-2xx / socket errors |
|---|---|---|---|---|
$(http_row "HTTP take-ticket, 16 connections" take 16)
$(http_row "HTTP take-ticket, 64 connections" take 64)
$(http_row "HTTP call-next, 16 connections" call 16)
$(http_row "HTTP call-next, 64 connections" call 64)
$(http_row "GET /readyz, 1 connection" readyz 1)
$(http_row "GET /api/v1/version, 16 connections" version 16)
| raw ceiling: issue_ticket.lua by EVALSHA, redis-benchmark 50 clients, -P 16 | $(stat raw 16 3) ops/s | | | |
| the same, unpipelined | $(stat raw 1 3) ops/s | | | |

$(if [ -n "$SSE" ]; then
  echo
  echo "| SSE fan-out (one run, $SSE_CALLS calls) | clients connected | call → every client, p50 | p99 | max | missed | server heap after GC per connection | server threads |"
  echo "|---|---|---|---|---|---|---|---|"
  awk '$1 == "sse" && NF == 9 { printf "| %s clients | %s | %s ms | %s ms | %s ms | %s | %s KB | %s |\n", $2, $3, $4, $5, $6, $7, $8, $9 }
       $1 == "sse" && NF != 9 { printf "| %s clients | failed: see the run'"'"'s output | | | | | | |\n", $2 }' "$WORK/figures"
  echo
fi)

Ratio HTTP / raw ceiling (each round's own ratio, median over the rounds): take-ticket **$(ratio take 16)** at 16
connections, **$(ratio take 64)** at 64; call-next $(ratio call 16) and $(ratio call 64).
TABLE
)
echo
echo "$TABLE"
if [ "$WRITE" = 1 ]; then
  BEGIN="<!-- benchmarks/run.sh fsync=$FSYNC: begin -->" END="<!-- benchmarks/run.sh fsync=$FSYNC: end -->"
  FILE="$ROOT/BENCHMARKS.md"
  SECTION=$(printf '%s\n\n#### `benchmarks/run.sh --fsync %s`\n\n%s\n\n%s' "$BEGIN" "$FSYNC" "$TABLE" "$END")
  if grep -qF "$BEGIN" "$FILE"; then
    awk -v b="$BEGIN" -v e="$END" -v s="$SECTION" '
      $0 == b { print s; skip = 1; next } $0 == e { skip = 0; next } !skip { print }' "$FILE" >"$WORK/bm.md"
  else
    { cat "$FILE"; printf '\n%s\n' "$SECTION"; } >"$WORK/bm.md"
  fi
  cp "$WORK/bm.md" "$FILE"
  echo "rewrote the fsync=$FSYNC section of BENCHMARKS.md"
fi
