#!/usr/bin/env bash
# Time from JVM start to the primary's interactive console window in demo mode (both systems, the
# SAS, the sample services and the sample application started in process), RUNS times, on a
# virtual display (Xvfb), with the fat jar exactly as a user runs it. Build first:
#   mvn -q package -DskipTests && acmc-desktop/bench/launch-time.sh 5
set -euo pipefail
runs=${1:-5}
jar="$(dirname "$0")/../target/acmc-desktop.jar"
[ -f "$jar" ] || { echo "build first: mvn -q package -DskipTests"; exit 1; }
command -v Xvfb >/dev/null || { echo "needs Xvfb (apt-get install xvfb libgtk-3-0)"; exit 1; }
dfile=$(mktemp)
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$dfile" >/dev/null 2>&1 & xv=$!
trap 'kill $xv 2>/dev/null; rm -f "$dfile"' EXIT
for _ in $(seq 100); do [ -s "$dfile" ] && break; sleep 0.1; done
export DISPLAY=:$(head -1 "$dfile")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  out=$(java -jar "$jar" --demo --exit-when-ready 2>&1)
  splash=$(sed -n 's/.*splash shown after \([0-9]*\) ms.*/\1/p' <<<"$out")
  window=$(sed -n 's/.*interactive after \([0-9]*\) ms.*/\1/p' <<<"$out")
  ready=$(sed -n 's/.*everything ready after \([0-9]*\) ms.*/\1/p' <<<"$out")
  echo "run $i: splash ${splash:-?} ms, console window interactive ${window:-?} ms, everything ready ${ready:-?} ms"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
