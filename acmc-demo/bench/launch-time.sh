#!/usr/bin/env bash
# Launch time of the console in demo mode, with the fat jars exactly as a user runs them, on a virtual
# display (Xvfb). Each run measures, from JVM start:
#   baseline   the console's connect window alone (acmc-desktop.jar: JVM, JavaFX, one window; no
#              backend) — the same-run baseline
#   splash     the demo's progress window
#   window     the primary's console window, interactive (the primary system and its SAS are up,
#              logged in as admin); "CPU" is the process's CPU time by then, which load cannot inflate
#   ready      everything started: partner, sample services registered, sample application waiting
# (the demo: acmc-demo.jar)
# Baseline and demo take turns, so a noisy moment hits both. Build first:
#   mvn -q package -DskipTests && acmc-demo/bench/launch-time.sh 5
# JAVA_OPTS adds JVM flags (what an installer's launcher could pass), e.g. JAVA_OPTS=-XX:TieredStopAtLevel=1
set -euo pipefail
runs=${1:-5}
console_jar="$(dirname "$0")/../../acmc-desktop/target/acmc-desktop.jar"
demo_jar="$(dirname "$0")/../target/acmc-demo.jar"
[ -f "$console_jar" ] && [ -f "$demo_jar" ] || { echo "build first: mvn -q package -DskipTests"; exit 1; }
command -v Xvfb >/dev/null || { echo "needs Xvfb (apt-get install xvfb libgtk-3-0)"; exit 1; }
dfile=$(mktemp)
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$dfile" >/dev/null 2>&1 & xv=$!
trap 'kill $xv 2>/dev/null; rm -f "$dfile"' EXIT
for _ in $(seq 100); do [ -s "$dfile" ] && break; sleep 0.1; done
export DISPLAY=:$(head -1 "$dfile")
field() { sed -n "s/.*$1 \([0-9]*\) ms.*/\1/p" <<<"$2" | head -1; }
echo "$(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1), JAVA_OPTS=${JAVA_OPTS:-}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| run | baseline: connect window | demo: splash | demo: console window (CPU) | demo: everything ready |"
echo "|---|---|---|---|---|"
for i in $(seq "$runs"); do
  # shellcheck disable=SC2086
  base=$(java ${JAVA_OPTS:-} -jar "$console_jar" --exit-when-ready 2>&1)
  # shellcheck disable=SC2086
  demo=$(java ${JAVA_OPTS:-} -jar "$demo_jar" --exit-when-ready 2>&1)
  echo "| $i | $(field 'connect window after' "$base") ms | $(field 'splash shown after' "$demo") ms |" \
       "$(field 'interactive after' "$demo") ms ($(field 'process CPU' "$demo") ms) | $(field 'everything ready after' "$demo") ms |"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
