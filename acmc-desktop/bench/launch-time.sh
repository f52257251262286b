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
for i in $(seq "$runs"); do
  ms=$(java -jar "$jar" --demo --exit-when-ready 2>&1 | sed -n 's/.*interactive after \([0-9]*\) ms.*/\1/p')
  echo "run $i: ${ms:-?} ms"
done
