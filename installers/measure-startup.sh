#!/usr/bin/env bash
# Cold-start times of the installed packages, for docs/benchmarks.md:
#
#   installers/measure-startup.sh [RUNS]        (default 5; after mvn -Pinstallers package)
#
# Backend: the installed launcher (the .deb unpacked into a scratch root) with the packaged
# registry.conf, from exec to its "listening on wss://" line — first start (new database,
# migrations, certificate made with keytool, first administrator hashed) and restart (existing).
# Console (when its app-image exists): on a virtual display, from exec to the first visible window
# with no arguments (the connect window); the demo (when the acmc-demo app-image exists): the same,
# and the console's own figure for demo mode ("interactive after": JVM start to the primary's
# window, two systems started in-process).
# Prints markdown tables with the median and the range.
set -uo pipefail
runs=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/target
deb=$(ls "$out"/packages/mcx-registry_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "no backend .deb: run mvn -Pinstallers package -DskipTests first"; exit 1; }
scratch=$(mktemp -d /tmp/mcx-measure.XXXXXX)
xvfb=""
trap '[ -n "$xvfb" ] && kill $xvfb 2>/dev/null; rm -rf "$scratch"' EXIT
now() { date +%s%N; }
stats() { sort -n | awk '{a[NR]=$1} END {printf "%d ms (%d–%d ms, %d runs)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
dpkg-deb -x "$deb" "$scratch/root"
launcher=$scratch/root/opt/mcx-registry/bin/mcx-registry
conf=$scratch/root/etc/mcx-registry/registry.conf
echo pw-for-measuring >"$scratch/pw"
backend_once() { # backend_once DATA_DIR: ms from exec to listening
  rm -f "$scratch/out"
  local t0; t0=$(now)
  MCX_SYSTEM_ID=bench MCX_BIND=127.0.0.1 MCX_PORT=0 MCX_SAS_PORT=0 MCX_DATA_DIR="$1" MCX_LOG_DIR="$1/log" \
    MCX_BACKUP_DIR= MCX_ADMIN_PASSWORD_FILE="$scratch/pw" "$launcher" --config "$conf" >"$scratch/out" 2>&1 &
  local pid=$!
  until grep -q "listening on" "$scratch/out" 2>/dev/null; do kill -0 $pid 2>/dev/null || { cat "$scratch/out" >&2; return 1; }; sleep 0.01; done
  echo $(( ($(now) - t0) / 1000000 ))
  kill -TERM $pid; wait $pid
}
first=(); again=()
for i in $(seq "$runs"); do
  first+=("$(backend_once "$scratch/data$i")")
  again+=("$(backend_once "$scratch/data$i")")
done
echo "| backend (installed .deb, packaged registry.conf, TLS) | exec → \`listening on wss://\` |"
echo "|---|---|"
echo "| first start: new database, certificate made, first administrator | $(printf '%s\n' "${first[@]}" | stats) |"
echo "| restart on the existing database | $(printf '%s\n' "${again[@]}" | stats) |"

console=$out/app-image/acmc-console/bin/acmc-console
if [ ! -x "$console" ]; then
  echo; echo "console: no app-image ($console) — not measured"; exit 0
fi
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "console: needs Xvfb and xdotool"; exit 1; }
dfile=$scratch/display
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$dfile" >/dev/null 2>&1 & xvfb=$!
for _ in $(seq 100); do [ -s "$dfile" ] && break; sleep 0.1; done
export DISPLAY=:$(head -1 "$dfile")
console_once() { # console_once PROGRAM ARGS...: ms from exec to the first visible window
  local t0; t0=$(now)
  HOME=$scratch/home "$@" >/dev/null 2>&1 &
  local pid=$! w=""
  for _ in $(seq 3000); do
    w=$(xdotool search --onlyvisible --name '.' 2>/dev/null | head -1)
    [ -n "$w" ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.01
  done
  echo $(( ($(now) - t0) / 1000000 ))
  kill $pid 2>/dev/null; sleep 0.5; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
}
demo_app=$out/app-image/acmc-demo/bin/acmc-demo
plain=(); demo=(); ready=()
for i in $(seq "$runs"); do
  plain+=("$(console_once "$console")")
  [ -x "$demo_app" ] || continue
  demo+=("$(console_once "$demo_app")")
  HOME=$scratch/home timeout 120 "$demo_app" --exit-when-ready >"$scratch/ready.out" 2>&1
  ready+=("$(grep -o 'interactive after [0-9]*' "$scratch/ready.out" | grep -o '[0-9]*$')")
done
echo
echo "| console (app-image, Xvfb) | time |"
echo "|---|---|"
echo "| exec → first window (connect window) | $(printf '%s\n' "${plain[@]}" | stats) |"
if [ -x "$demo_app" ]; then
  echo "| demo (acmc-demo): exec → first window | $(printf '%s\n' "${demo[@]}" | stats) |"
  echo "| demo: JVM start → primary's console interactive (its own log) | $(printf '%s\n' "${ready[@]}" | grep . | stats) |"
fi
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
