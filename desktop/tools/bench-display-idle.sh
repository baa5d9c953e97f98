#!/usr/bin/env bash
# The wall display's idle CPU: the packaged display (a real window under Xvfb) against the packaged backend in
# another process, paired as a device; after a warm-up, the display process's CPU time over a quiet minute.
# Needs Debian's xvfb, libgtk-3-0 and curl. Usage: desktop/tools/bench-display-idle.sh [seconds, default 60]
# (SHOT=file.png also saves a screenshot of the screen at the end; needs imagemagick)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
command -v Xvfb >/dev/null || { echo "bench-display-idle: install xvfb and libgtk-3-0"; exit 2; }
[ -f desktop/target/nowserving.jar ] && [ -f backend/target/nowserving-backend.jar ] \
  || ./mvnw -q -B -pl desktop -am package -DskipTests
work="$(mktemp -d)"
port=$(( (RANDOM % 20000) + 20000 ))
display=":$(( (RANDOM % 400) + 100 ))"
password="idle-benchmark-password"
Xvfb "$display" -screen 0 1920x1080x24 >/dev/null 2>&1 & xvfb=$!
NOWSERVING_HTTP_PORT=$port NOWSERVING_BIND=127.0.0.1 NOWSERVING_DATA_DIR="$work/backend" \
  NOWSERVING_ADMIN_PASSWORD="$password" java -jar backend/target/nowserving-backend.jar >"$work/backend.log" 2>&1 &
backend=$!
cleanup() { kill "${display_pid:-0}" "$backend" "$xvfb" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
token=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/')
device=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/branches/main/devices" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $token" -d '{"name":"idle benchmark","role":"display"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
for t in a b a; do curl -fs -X POST "http://127.0.0.1:$port/api/v1/branches/main/tickets" \
  -H 'Content-Type: application/json' -d "{\"service\":\"$t\"}" >/dev/null; done
for action in open call-next; do curl -fs -X POST "http://127.0.0.1:$port/api/v1/branches/main/counters/1/$action" \
  -H "Authorization: Bearer $token" >/dev/null; done
DISPLAY="$display" java -jar desktop/target/nowserving.jar --mode=display --backend="http://127.0.0.1:$port" \
  --branch=main --device-token="$device" --data-dir="$work/display" --voices= >"$work/display.log" 2>&1 &
display_pid=$!
sleep 20   # start, first frame, the call's highlight and announcement are over
ticks() { awk '{print $14 + $15}' "/proc/$display_pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks); sleep "$seconds"; after=$(ticks)
awk -v d=$((after - before)) -v hz="$hz" -v s="$seconds" \
  'BEGIN {printf "display idle CPU: %.2f %% of one core over %d s (aim < 5 %%)\n", 100 * d / hz / s, s}'
if [ -n "${SHOT:-}" ] && command -v import >/dev/null; then DISPLAY="$display" import -window root "$SHOT"; fi  # to look at it
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
