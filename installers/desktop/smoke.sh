#!/usr/bin/env bash
# CI: builds the desktop app image (build.sh) and starts each of its launchers on a virtual screen (Xvfb) until it
# logs "first screen shown: <mode>", then ends it; fails when one does not show its screen within the deadline.
#  - the display starts first, while no backend answers, and must show itself once the backend is up;
#  - the all-in-one launcher starts the backend in-process, with its data under $XDG_DATA_HOME/nowserving;
#  - the counter, kiosk and other launchers then start together against that backend.
# Everything runs in a temporary HOME, with its own system settings folder. Needs Xvfb (Debian: xvfb).
# SMOKE_DEADLINE: seconds each launcher has (default 150; one took 75 on a 2-core machine at load 25);
# SMOKE_SKIP_BUILD=1 uses the app image already built.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
deadline="${SMOKE_DEADLINE:-150}"
image="$here/target/jpackage/NowServing"
say() { echo "smoke [${SECONDS}s]: $*"; }

if [ "${SMOKE_SKIP_BUILD:-}" != 1 ]; then
  "$here/build.sh" app-image
fi
[ -x "$image/bin/NowServing" ] || { say "no app image at $image" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in ${pids[@]+"${pids[@]}"}; do
    stop "$p"
  done
  rm -rf "$work"
}
stop() { # pid: TERM, then KILL if it is still there after 10 s
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$1" 2>/dev/null || true
}
trap cleanup EXIT

display_number=90
while [ -e "/tmp/.X$display_number-lock" ] || [ -e "/tmp/.X11-unix/X$display_number" ]; do
  display_number=$((display_number + 1))
done
Xvfb ":$display_number" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=$((20000 + RANDOM % 20000))
while answers "$port"; do port=$((port + 1)); done

mkdir -p "$work/home" "$work/etc"
export HOME="$work/home" XDG_DATA_HOME="$work/xdg" DISPLAY=":$display_number"
export JAVA_TOOL_OPTIONS="-Dnowserving.system.settings=$work/etc"
unset NOWSERVING_BACKEND NOWSERVING_DATA_DIR NOWSERVING_MODE 2>/dev/null || true

start() { # launcher [VAR=value …]: starts it in the background; its pid in $started
  local launcher="$1"
  shift
  env "$@" "$image/bin/$launcher" >"$work/$launcher.log" 2>&1 &
  started=$!
  pids+=("$started")
}

shown() { # launcher mode pid: waits for its line; 0 shown, 1 failed, 2 this build has no such mode
  local launcher="$1" mode="$2" pid="$3" end=$((SECONDS + deadline))
  while [ "$SECONDS" -lt "$end" ]; do
    if grep -q "first screen shown: $mode" "$work/$launcher.log"; then
      say "$launcher showed its first screen ($mode)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      if grep -q -- "--mode must be" "$work/$launcher.log"; then
        return 2
      fi
      say "$launcher ended before showing its first screen; its output:" >&2
      tail -40 "$work/$launcher.log" >&2
      return 1
    fi
    sleep 0.5
  done
  say "$launcher showed no first screen within ${deadline}s; its output:" >&2
  tail -40 "$work/$launcher.log" >&2
  return 1
}

check() { # launcher mode pid
  local rc=0
  shown "$1" "$2" "$3" || rc=$?
  case $rc in
    0) stop "$3" ;;
    2) say "WARNING $1: this build has no '$2' mode yet (launchers.txt lists it); not checked" ;;
    *) exit 1 ;;
  esac
}

backend="http://127.0.0.1:$port"
launchers="$(grep -v '^[[:space:]]*#' "$here/launchers.txt" | grep -v '^[[:space:]]*$')"
launcher_of() { echo "$launchers" | awk -v m="$1" '$1 == m {print $2}'; }
main="$(launcher_of launcher)"
display="$(launcher_of display)"

# the display first, with the backend still down: it keeps trying and shows itself once the backend is up
start "$display" NOWSERVING_BACKEND="$backend"
display_pid=$started
# the all-in-one launcher: it starts the backend the others use, and runs until the end
start "$main" NOWSERVING_HTTP_PORT="$port"
shown "$main" launcher "$started" || exit 1
end=$((SECONDS + deadline))
until curl -fsS "$backend/readyz" >/dev/null 2>&1; do
  [ "$SECONDS" -lt "$end" ] || { say "the launcher's backend never answered" >&2; tail -40 "$work/$main.log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$(ls -A "$XDG_DATA_HOME/nowserving" 2>/dev/null)" ] ||
  { say "the launcher's backend keeps no data in \$XDG_DATA_HOME/nowserving" >&2; exit 1; }
say "the all-in-one backend answers at $backend, its data in \$XDG_DATA_HOME/nowserving"
check "$display" display "$display_pid"

echo "$launchers" | while read -r mode launcher _; do
  case "$mode" in launcher | display) continue ;; esac
  echo "$mode $launcher"
done >"$work/rest"
# the rest together (they only read from the backend), each then checked in turn
while read -r mode launcher; do
  start "$launcher" NOWSERVING_BACKEND="$backend"
  echo "$mode $launcher $started" >>"$work/started"
done <"$work/rest"
while read -r mode launcher pid; do
  check "$launcher" "$mode" "$pid"
done <"$work/started"
say "every launcher showed its first screen"
