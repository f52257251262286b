#!/usr/bin/env bash
# What serving HTTP/2 streams as child channels costs (issue 15): the same 13-byte answer from one
# Netty HTTP/2 server, its streams as child channels converted to HTTP/1.1 messages, as the SAS served
# them until session 13 ("multiplex"), or on the connection's own handler, as it does since ("direct").
# In turns, ROUNDS rounds; per round a warm-up, then a measured load with h2load (THREADS × CONNECTIONS,
# one stream in flight per connection, as sas-vs-nginx.sh's HTTP/2 mode), and the server's CPU per
# request from /proc.
#
#   benchmarks/h2-layers.sh                  # builds the benchmarks jar unless SKIP_BUILD=1
#   ROUNDS=5 DURATION=15 benchmarks/h2-layers.sh
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-10}; WARMUP=${WARMUP:-8}
THREADS=${THREADS:-2}; CONNECTIONS=${CONNECTIONS:-64}; PORT=${PORT:-19443}
JAR=$ROOT/benchmarks/target/benchmarks.jar
command -v h2load >/dev/null || { echo "h2load is needed (Debian: nghttp2-client)" >&2; exit 1; }
[[ -n "${SKIP_BUILD:-}" ]] || (cd "$ROOT" && mvn -q -o -DskipTests -Djacoco.skip=true package -pl benchmarks -am)
WORK=$(mktemp -d /tmp/h2-layers.XXXXXX); trap 'rm -rf "$WORK"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
ticks=$(getconf CLK_TCK)

echo "| round | streams | requests/s | mean latency | server CPU per request |"
echo "|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
    for mode in multiplex direct; do
        java -XX:+ExitOnOutOfMemoryError -Dio.netty.leakDetection.samplingInterval=4096 -cp "$JAR" \
            org.mcx.bench.h2.H2LayerServer "$mode" "$PORT" "$WORK/cert.pem" "$WORK/key.pem" > "$WORK/$mode.out" 2>&1 &
        pid=$!
        for _ in $(seq 100); do grep -q ready "$WORK/$mode.out" && break; sleep 0.1; done
        h2load -t"$THREADS" -c"$CONNECTIONS" -m1 -D "$WARMUP" "https://127.0.0.1:$PORT/" > /dev/null 2>&1
        before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
        h2load -t"$THREADS" -c"$CONNECTIONS" -m1 -D "$DURATION" "https://127.0.0.1:$PORT/" > "$WORK/load.txt" 2>&1
        after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
        kill "$pid"; wait "$pid" 2>/dev/null || true
        rps=$(grep -o 'finished in [^,]*, [0-9.]* req/s' "$WORK/load.txt" | awk '{print $4}')
        done_=$(grep -o 'requests: [0-9]* total, [0-9]* started, [0-9]* done, [0-9]* succeeded' "$WORK/load.txt" | awk '{print $8}')
        mean=$(awk '/time for request:/ {print $6}' "$WORK/load.txt")
        cpu=$(awk -v t=$(( after - before )) -v hz="$ticks" -v n="$done_" 'BEGIN {printf "%.1f µs", t * 1e6 / hz / n}')
        echo "| $round | $mode | ${rps%.*}/s | $mean | $cpu |"
    done
done
