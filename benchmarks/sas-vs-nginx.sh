#!/usr/bin/env bash
# The service access server against nginx, in one run, on loopback only (see docs/benchmarks.md,
# "sas-vs-nginx"). Measures with wrk (THREADS x CONNECTIONS):
#   (a) direct   - nginx serving a ~200-byte JSON file (the upstream)
#   (b) nginx    - nginx proxy_pass to (a), upstream keepalive, an Authorization check
#   (c) sas      - our service access server, every check on, forwarding to (a)
# in ROUNDS turns of DURATION seconds each (after WARMUP seconds of each), then prints a markdown
# table: requests/s, p50, p99, added p99 over direct (same round), CPU per request of the JVM and of
# the nginx workers (from /proc), ratios. Before the load, the
# Java side also times how long a revocation takes to reach the access server.
#
#   benchmarks/sas-vs-nginx.sh                       # build, then run with the defaults below
#   SKIP_BUILD=1 ROUNDS=3 DURATION=10 benchmarks/sas-vs-nginx.sh
#   JFR=1 benchmarks/sas-vs-nginx.sh                 # also record the SAS JVM with Flight Recorder
#   SAS_IO=epoll SAS_THREADS=1 benchmarks/sas-vs-nginx.sh   # the SAS on another transport / loop count
#
# Everything it starts (nginx, the JVM) is stopped on exit, by pid. Needs root only to install
# wrk and nginx from Debian when they are missing.
set -euo pipefail

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
SAS_WARMUP=${SAS_WARMUP:-20}  # the JVM's JIT needs longer than nginx to reach steady state
ROUNDS=${ROUNDS:-2}
FRESHNESS_ROUNDS=${FRESHNESS_ROUNDS:-20}
UPSTREAM_PORT=${UPSTREAM_PORT:-18180}
PROXY_PORT=${PROXY_PORT:-18181}
SAS_PORT=${SAS_PORT:-18182}
JAVA_OPTS=${JAVA_OPTS:-}
SAS_IO=${SAS_IO:-auto}        # the backend's --sas-io: auto (io_uring, else epoll), io_uring, epoll, nio
SAS_THREADS=${SAS_THREADS:-0} # the backend's --sas-threads: 0 = one event loop per core
MAX_SECONDS=$(( 120 + ROUNDS * 3 * (DURATION + 5) + 3 * (WARMUP + 5) + SAS_WARMUP ))

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/mcx-sas-vs-nginx.XXXXXX)
chmod 755 "$WORK"  # nginx workers (nobody) read the static file under it
JAVA_PID=""
NGINX_STARTED=""

cleanup() {
    if [[ -n "$JAVA_PID" ]] && kill -0 "$JAVA_PID" 2>/dev/null; then
        kill "$JAVA_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$JAVA_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$JAVA_PID" 2>/dev/null || true
    fi
    if [[ -n "$NGINX_STARTED" && -s "$WORK/nginx.pid" ]]; then
        local pid; pid=$(cat "$WORK/nginx.pid")
        kill -QUIT "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    if [[ -z "${KEEP_WORK:-}" ]]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "$(date +%H:%M:%S) $*" >&2; }

# --- tools -------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null || { ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; }; then
    log "installing wrk and nginx from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null \
        || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [[ -z "${SKIP_BUILD:-}" ]]; then
    log "building (mvn -o -DskipTests package)"
    (cd "$ROOT" && mvn -q -o -DskipTests package -pl benchmarks -am)
fi
JAR=${JAR:-$ROOT/benchmarks/target/benchmarks.jar}

# --- the upstream and the nginx proxy ------------------------------------------------------------
mkdir -p "$WORK/www/gm" "$WORK/tmp" "$WORK/out"
# ~200 bytes of JSON, like a small GM answer.
printf '%s' '{"groups":[{"groupId":"fire-north","displayName":"Fire North","memberCount":12},{"groupId":"fire-south","displayName":"Fire South","memberCount":9}],"instance":"gm-bench","note":"static upstream for sas-vs-nginx"}' \
    > "$WORK/www/gm/groups"
chmod -R a+rX "$WORK/www"
cat > "$WORK/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    server_tokens off;
    sendfile on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    open_file_cache max=100 inactive=60s;
    open_file_cache_valid 60s;
    client_body_temp_path $WORK/tmp/body;
    proxy_temp_path $WORK/tmp/proxy;
    fastcgi_temp_path $WORK/tmp/fastcgi;
    uwsgi_temp_path $WORK/tmp/uwsgi;
    scgi_temp_path $WORK/tmp/scgi;
    types { }
    default_type application/json;

    # (a) the upstream: a static file
    server {
        listen 127.0.0.1:$UPSTREAM_PORT;
        root $WORK/www;
    }

    upstream gm { server 127.0.0.1:$UPSTREAM_PORT; keepalive 128; keepalive_requests 1000000; }

    # (b) nginx as the gateway: refuses without an Authorization header, then proxy_pass
    server {
        listen 127.0.0.1:$PROXY_PORT;
        location / {
            if (\$http_authorization = "") { return 401; }
            proxy_pass http://gm;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Authorization "";
        }
    }
}
EOF
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" -t -q
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf"
NGINX_STARTED=1
log "nginx: upstream 127.0.0.1:$UPSTREAM_PORT, proxy 127.0.0.1:$PROXY_PORT (pid $(cat "$WORK/nginx.pid"))"

# --- the service access server -----------------------------------------------------------------
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" sas-setup --sas-port "$SAS_PORT" --upstream-port "$UPSTREAM_PORT" \
    --sas-io "$SAS_IO" --sas-threads "$SAS_THREADS" \
    --out "$WORK/out" --freshness-rounds "$FRESHNESS_ROUNDS" --max-seconds "$MAX_SECONDS" \
    > "$WORK/sas-setup.md" 2> "$WORK/sas-setup.log" &
JAVA_PID=$!
for _ in $(seq 1 1200); do
    [[ -f "$WORK/out/ready" ]] && break
    kill -0 "$JAVA_PID" 2>/dev/null || { cat "$WORK/sas-setup.log" >&2; exit 1; }
    sleep 0.1
done
[[ -f "$WORK/out/ready" ]] || { log "the service access server was not ready within 120 s"; exit 1; }
TOKEN=$(cat "$WORK/out/token")
SAS_PATH=$(cat "$WORK/out/path")
log "service access server: 127.0.0.1:$SAS_PORT$SAS_PATH (pid $JAVA_PID)"

# --- correctness before load ---------------------------------------------------------------------
check() { # name url expected-status [curl args]
    local got; got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${@:4}" "$2")
    [[ "$got" == "$3" ]] || { log "$1: expected $3, got $got"; exit 1; }
}
check direct "http://127.0.0.1:$UPSTREAM_PORT/gm/groups" 200
check "nginx without token" "http://127.0.0.1:$PROXY_PORT/gm/groups" 401
check "nginx with token" "http://127.0.0.1:$PROXY_PORT/gm/groups" 200 -H "Authorization: Bearer $TOKEN"
check "sas without token" "http://127.0.0.1:$SAS_PORT$SAS_PATH" 401
check "sas with token" "http://127.0.0.1:$SAS_PORT$SAS_PATH" 200 -H "Authorization: Bearer $TOKEN"
BYTES=$(curl -s --max-time 5 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SAS_PORT$SAS_PATH" | wc -c)

# --- load --------------------------------------------------------------------------------------
declare -A URL=(
    [direct]="http://127.0.0.1:$UPSTREAM_PORT/gm/groups"
    [nginx]="http://127.0.0.1:$PROXY_PORT/gm/groups"
    [sas]="http://127.0.0.1:$SAS_PORT$SAS_PATH"
)
VARIANTS=(direct nginx sas)
WRK_TIMEOUT=2s

# wrk's output -> "requests/s p50_us p99_us non2xx errors"
summarise() {
    awk '
        function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; if (v ~ /s$/) return v * 1000000; return v }
        /Requests\/sec/ { rps = $2 }
        /^ +50%/ { p50 = us($2) }
        /^ +99%/ { p99 = us($2) }
        /Non-2xx/ { non2xx = $5 }
        /Socket errors/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
        END { printf "%.0f %.0f %.0f %d %d\n", rps, p50, p99, non2xx, errors }'
}

run_wrk() { # variant seconds
    timeout $(( $2 + 15 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" --timeout "$WRK_TIMEOUT" --latency \
        -H "Authorization: Bearer $TOKEN" "${URL[$1]}"
}

log "warm-up: ${WARMUP} s each, ${SAS_WARMUP} s for the service access server"
for v in "${VARIANTS[@]}"; do
    w=$WARMUP; [[ "$v" == sas ]] && w=$SAS_WARMUP
    run_wrk "$v" "$w" > "$WORK/warmup-$v.txt"
done

# CPU time (clock ticks, user + system) of processes, from /proc: where each request's cost goes.
cpu_ticks() { local t=0 p; for p in "$@"; do t=$(( t + $(awk '{ print $14 + $15 }' "/proc/$p/stat") )); done; echo "$t"; }
NGINX_WORKERS=$(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')
TICKS=$(getconf CLK_TCK)

declare -A RESULT CPU
for r in $(seq 1 "$ROUNDS"); do
    for v in "${VARIANTS[@]}"; do
        log "round $r: $v, ${DURATION} s"
        if [[ -n "${JFR:-}" && "$v" == sas && "$r" == 1 ]]; then
            jcmd "$JAVA_PID" JFR.start name=sas settings=${JFR_SETTINGS:-profile} duration="${DURATION}s" \
                filename="${JFR_FILE:-/tmp/sas-vs-nginx.jfr}" >/dev/null
        fi
        j0=$(cpu_ticks "$JAVA_PID"); n0=$(cpu_ticks $NGINX_WORKERS)
        run_wrk "$v" "$DURATION" > "$WORK/wrk-$r-$v.txt"
        j1=$(cpu_ticks "$JAVA_PID"); n1=$(cpu_ticks $NGINX_WORKERS)
        RESULT[$r,$v]=$(summarise < "$WORK/wrk-$r-$v.txt")
        CPU[$r,$v]="$(( j1 - j0 )) $(( n1 - n0 ))"
        [[ -n "${VERBOSE:-}" ]] && cat "$WORK/wrk-$r-$v.txt" >&2
    done
done

# --- report ------------------------------------------------------------------------------------
sleep 1
kill "$JAVA_PID" 2>/dev/null || true  # it prints its counters as it stops
for _ in $(seq 1 150); do kill -0 "$JAVA_PID" 2>/dev/null || break; sleep 0.1; done
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
echo "## sas-vs-nginx: service access server vs nginx proxy_pass vs direct"
echo
echo "$(date -u +%F' '%H:%M' UTC'); $(nproc) cores; $(java -version 2>&1 | head -1); $("$NGINX" -v 2>&1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); load average at end $LOAD_END"
echo
echo "Settings: wrk -t$THREADS -c$CONNECTIONS --latency, $ROUNDS round(s) of ${DURATION} s per variant in turns after ${WARMUP} s warm-up each (${SAS_WARMUP} s for the SAS); response body $BYTES B; SAS: $(grep -o 'ready on [^)]*)' "$WORK/sas-setup.log" | head -1 | sed 's/.*(//; s/)//'); JAVA_OPTS='${JAVA_OPTS}'"
echo
echo "| round | variant | requests/s | p50 | p99 | added p99 over direct | JVM CPU per request | nginx CPU per request | non-2xx | socket errors |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for r in $(seq 1 "$ROUNDS"); do
    read -r drps dp50 dp99 _ _ <<< "${RESULT[$r,direct]}"
    for v in "${VARIANTS[@]}"; do
        read -r rps p50 p99 non2xx errors <<< "${RESULT[$r,$v]}"
        read -r jt nt <<< "${CPU[$r,$v]}"
        added=$(awk -v a="$p99" -v b="$dp99" 'BEGIN { printf "%.2f ms", (a - b) / 1000 }')
        [[ "$v" == direct ]] && added="-"
        awk -v r="$r" -v v="$v" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v add="$added" -v n="$non2xx" -v e="$errors" \
            -v jt="$jt" -v nt="$nt" -v hz="$TICKS" -v d="$DURATION" \
            'BEGIN { req = rps * d; printf "| %s | %s | %\047d/s | %.2f ms | %.2f ms | %s | %.1f µs | %.1f µs | %d | %d |\n",
                     r, v, rps, p50/1000, p99/1000, add, jt * 1e6 / hz / req, nt * 1e6 / hz / req, n, e }'
    done
done
echo
echo "| round | SAS / nginx requests/s | nginx / direct | SAS / direct | SAS added p99 | target |"
echo "|---|---|---|---|---|---|"
for r in $(seq 1 "$ROUNDS"); do
    read -r drps _ dp99 _ _ <<< "${RESULT[$r,direct]}"
    read -r nrps _ _ _ _ <<< "${RESULT[$r,nginx]}"
    read -r srps _ sp99 _ _ <<< "${RESULT[$r,sas]}"
    awk -v r="$r" -v d="$drps" -v n="$nrps" -v s="$srps" -v sp="$sp99" -v dp="$dp99" 'BEGIN {
        added = (sp - dp) / 1000
        verdict = (s >= n && added <= 1) ? "met" : "**missed**"
        printf "| %s | %.2fx | %.2fx | %.2fx | %.2f ms | SAS ≥ nginx, added p99 ≤ 1 ms: %s |\n", r, s / n, n / d, s / d, added, verdict }'
done
echo
cat "$WORK/sas-setup.md"
