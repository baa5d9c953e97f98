#!/usr/bin/env bash
# Launcher command to first window (README "Run"), on a warm Maven cache, under Xvfb; prints each run and the
# medians: the whole command (build + start) and the start alone (java -jar to the launcher's first window).
# Needs Debian's xvfb and libgtk-3-0. Usage: desktop/tools/bench-launcher.sh [runs, default 5]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
command -v Xvfb >/dev/null || { echo "bench-launcher: install xvfb and libgtk-3-0 (apt-get install -y xvfb libgtk-3-0)"; exit 2; }
display=":$(( (RANDOM % 400) + 100 ))"
Xvfb "$display" -screen 0 1920x1080x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY="$display"
./mvnw -q -B -pl desktop -am package -DskipTests >/dev/null   # warm: everything built and cached once

wait_first_window() { # log pid -> 0 when the line appears, 1 when the process ended or 120 s passed
  for _ in $(seq 1200); do
    grep -q "first window shown" "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

whole=(); start=()
for i in $(seq "$runs"); do
  for kind in whole start; do
    data="$(mktemp -d)"; log="$(mktemp)"
    t0=$(date +%s%N)
    if [ "$kind" = whole ]; then
      ( ./mvnw -q -B -pl desktop -am package -DskipTests && exec java -jar desktop/target/nowserving.jar --data-dir="$data" ) \
        >"$log" 2>&1 &
    else
      java -jar desktop/target/nowserving.jar --data-dir="$data" >"$log" 2>&1 &
    fi
    pid=$!
    if wait_first_window "$log" "$pid"; then
      ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    else
      echo "run $i ($kind): no first window"; tail -5 "$log"; ms=-1
    fi
    pkill -TERM -f "nowserving.jar --data-dir=$data" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    rm -rf "$data" "$log"
    echo "run $i: $kind ${ms} ms"
    if [ "$kind" = whole ]; then whole+=("$ms"); else start+=("$ms"); fi
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "launcher to first window, median of $runs: whole command $(median "${whole[@]}") ms, java -jar alone $(median "${start[@]}") ms (aim 10000)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
