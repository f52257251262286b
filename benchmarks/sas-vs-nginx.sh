#!/usr/bin/env bash
# The service access server against nginx and HAProxy, in one run, on loopback only (see
# docs/benchmarks.md, "sas-vs-nginx"). Variants, each in every mode of MODES:
#   direct   - nginx serving a ~200-byte JSON file (the upstream; over TLS too, for the baseline)
#   nginx    - nginx proxy_pass to it, upstream keepalive, an Authorization check
#   haproxy  - HAProxy to it, http-reuse always, nbthread = cores, the same check (http-request deny)
#   sas      - our service access server (access-server.jar, as the package runs it), every check on,
#              its profile's rate limit lifted, fed over CSC-15 by a real backend (benchmarks.jar sas-setup)
# Modes: plain (HTTP/1.1, wrk), tls (HTTP/1.1 over TLS, wrk), h2 (HTTP/2 over TLS by ALPN, h2load).
# TLS: one self-signed P-256 certificate for all, key exchange on P-256 only, TLS 1.3.
# ROUNDS turns of DURATION seconds per mode and variant after a warm-up, then markdown tables:
# requests/s, p50, p99, CPU per request of the proxy's and the upstream's processes (from /proc),
# the SAS against the best proxy. Then the warm-up curve: each proxy restarted, load from the moment
# it answers, requests/s and p99 per second since its start. Before the load, the backend times how
# long a revocation takes to reach its own (embedded) access server.
#
#   benchmarks/sas-vs-nginx.sh                       # build, then run with the defaults below
#   SKIP_BUILD=1 ROUNDS=3 DURATION=10 benchmarks/sas-vs-nginx.sh
#   JFR=1 benchmarks/sas-vs-nginx.sh                 # also record the SAS JVM with Flight Recorder
#   SAS_IO=epoll SAS_THREADS=1 benchmarks/sas-vs-nginx.sh   # the SAS on another transport / loop count
#   MODES=tls PROXIES="nginx sas" CURVE_MODES= benchmarks/sas-vs-nginx.sh   # a subset, no curve
#   PROFILE=1 MODES="plain tls" ROUNDS=1 benchmarks/sas-vs-nginx.sh   # JFR + GC log + CPU per thread
#
# Settings (environment):
#   THREADS, CONNECTIONS   load generator threads and connections (2, 64)
#   DURATION, WARMUP       seconds per measured round (15) and per warm-up (5); SAS_WARMUP for the JVM (20)
#   WARMUP_LOADS           loads the warm-up is split into, each on new connections (3; 1 for one long load)
#   ROUNDS                 measured rounds per mode (2)
#   MODES                  any of "plain tls h2" (all three)
#   PROXIES                any of "nginx haproxy sas" (all three); direct is always measured
#   H2_STREAMS             concurrent streams per HTTP/2 connection, h2load -m (1: as many in flight as HTTP/1.1)
#   CURVE_MODES            modes to draw the warm-up curve in ("tls"; empty for none; "tls tls" twice, in turns)
#   CURVE_SECONDS          length of the warm-up curve (30)
#   JAVA_OPTS              options of the SAS's JVM(s) (the package's, from installers/src/access-server/app.args,
#                          with -XX:ThreadPriorityPolicy=1 and its class-data archive made first, as the package's
#                          postinst does; JAVA_OPTS= for none); BACKEND_JAVA_OPTS those of the backend's
#   SAS_ARGS               more arguments of the SAS (e.g. --warm-up=0s); SAS_B_ARGS those of sas-b
#   SAS_B=1, SAS_B_JAVA_OPTS, SAS_B_JAR   an A/B in one run: a second SAS, variant "sas-b", with these JVM options
#                          and/or this jar (default: the same jar), measured in turns with the others
#   SAS_IO, SAS_THREADS    the SAS's --io and --threads (auto, 0); SAS_B_IO, SAS_B_THREADS those of sas-b (the same)
#   SAS_JAVA               the java command of the SAS's JVMs (java), e.g. a package's jlinked runtime's bin/java;
#                          SAS_B_JAVA that of sas-b (default: SAS_JAVA), e.g. JDK 17 against JDK 25 in one run
#   JFR=1                  Flight Recorder on the SAS in round 1 of each mode (JFR_SETTINGS, JFR_FILE:
#                          /tmp/sas-vs-nginx.jfr becomes /tmp/sas-vs-nginx-MODE.jfr)
#   PROFILE=1              JFR as above, plus the SAS's GC log and its CPU per thread in round 1 of each
#                          mode (files in PROFILE_DIR, /tmp/sas-vs-nginx-profile)
#   FRESHNESS_ROUNDS       revocations timed before the load (20; 0 for none)
#   KEEP_WORK=1            keep the temporary directory (configs, logs, load generator output)
#   UPSTREAM_PORT, PROXY_PORT (nginx), SAS_PORT, HAPROXY_PORT; TLS on each + TLS_OFFSET (100)
#
# Everything it starts (both nginx, HAProxy, the JVMs) is stopped on exit, by pid. Needs root only to
# install wrk, nginx, haproxy and h2load from Debian when they are missing.
set -euo pipefail

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
SAS_WARMUP=${SAS_WARMUP:-20}  # the JVM's JIT needs longer than nginx to reach steady state
WARMUP_LOADS=${WARMUP_LOADS:-3}
ROUNDS=${ROUNDS:-2}
MODES=${MODES:-plain tls h2}
PROXIES=${PROXIES:-nginx haproxy sas}
H2_STREAMS=${H2_STREAMS:-1}
CURVE_MODES=${CURVE_MODES-tls}
CURVE_SECONDS=${CURVE_SECONDS:-30}
FRESHNESS_ROUNDS=${FRESHNESS_ROUNDS:-20}
UPSTREAM_PORT=${UPSTREAM_PORT:-18180}
PROXY_PORT=${PROXY_PORT:-18181}
SAS_PORT=${SAS_PORT:-18182}
HAPROXY_PORT=${HAPROXY_PORT:-18183}
SAS_B_PORT=${SAS_B_PORT:-18184}
TLS_OFFSET=${TLS_OFFSET:-100}
# By default "sas" is the SAS as installed: its launcher's --java-options, the option its runtime adds
# (jlink --add-options, installers/build-packages.sh) and its class-data archive, made here before the
# load by the script the package's postinst runs (make-class-archive.sh) and named by the same option.
# (The JIT's and GC's threads then run at nice -4, as under the package's unit: this script runs as root.)
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}  # set it to run a copy of this script (bash reads a script as it goes)
CLASS_ARCHIVE=/tmp/mcx-sas-vs-nginx-access-server.jsa
PACKAGE_JAVA_OPTS="$(sed -n 's/^--java-options //p' "$ROOT/installers/src/access-server/app.args" \
    | sed "s#^-XX:SharedArchiveFile=.*#-XX:SharedArchiveFile=$CLASS_ARCHIVE#" | tr '\n' ' ')-XX:ThreadPriorityPolicy=1"
JAVA_OPTS=${JAVA_OPTS-$PACKAGE_JAVA_OPTS}
BACKEND_JAVA_OPTS=${BACKEND_JAVA_OPTS:-}
SAS_IO=${SAS_IO:-auto}        # the SAS's --io: auto (io_uring, else epoll), io_uring, epoll, nio
SAS_THREADS=${SAS_THREADS:-0} # the SAS's --threads: 0 = one event loop per core
SAS_JAVA=${SAS_JAVA:-java}
PROFILE_DIR=${PROFILE_DIR:-/tmp/sas-vs-nginx-profile}
if [[ -n "${PROFILE:-}" ]]; then JFR=1; mkdir -p "$PROFILE_DIR"; fi
read -ra MODE_LIST <<< "$MODES"
read -ra PROXY_LIST <<< "$PROXIES"
if [[ -n "${SAS_B:-}${SAS_B_JAVA_OPTS:-}${SAS_B_JAR:-}${SAS_B_ARGS:-}${SAS_B_JAVA:-}${SAS_B_IO:-}${SAS_B_THREADS:-}" ]]; then PROXY_LIST+=(sas-b); fi
read -ra CURVE_LIST <<< "$CURVE_MODES"
VARIANTS=(direct "${PROXY_LIST[@]}")
NM=${#MODE_LIST[@]}
MAX_SECONDS=$(( 300 + NM * ROUNDS * ${#VARIANTS[@]} * (DURATION + 5) + NM * ${#VARIANTS[@]} * (WARMUP + SAS_WARMUP + 10) \
    + ${#CURVE_LIST[@]} * ${#PROXY_LIST[@]} * (CURVE_SECONDS + 40) ))

WORK=$(mktemp -d /tmp/mcx-sas-vs-nginx.XXXXXX)
chmod 755 "$WORK"  # nginx workers (nobody) read the static file under it
JAVA_PID=""
HAPROXY_PID=""
declare -A SAS_PID=()  # by "variant,plain|tls"
NGINX_PIDFILES=()

log() { echo "$(date +%H:%M:%S) $*" >&2; }

stop_pid() { # pid [signal]: signal, wait up to 10 s, then kill -9
    local pid=$1
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "-${2:-TERM}" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
    local m f
    for m in "${!SAS_PID[@]}"; do stop_pid "${SAS_PID[$m]}"; done
    stop_pid "$HAPROXY_PID"
    stop_pid "$JAVA_PID"
    for f in "${NGINX_PIDFILES[@]}"; do [[ -s "$f" ]] && stop_pid "$(cat "$f")" QUIT; done
    if [[ -z "${KEEP_WORK:-}" ]]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
command -v h2load >/dev/null || missing+=(nghttp2-client)
if (( ${#missing[@]} )); then
    log "installing ${missing[*]} from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)

if [[ -z "${SKIP_BUILD:-}" ]]; then
    log "building (mvn -o -DskipTests package)"
    (cd "$ROOT" && mvn -q -o -DskipTests package -pl benchmarks,access-server -am)
fi
JAR=${JAR:-$ROOT/benchmarks/target/benchmarks.jar}
SAS_JAR=${SAS_JAR:-$ROOT/access-server/target/access-server.jar}
SAS_B_JAR=${SAS_B_JAR:-$SAS_JAR}
if [[ " $JAVA_OPTS ${SAS_B_JAVA_OPTS:-} " == *"-XX:SharedArchiveFile=$CLASS_ARCHIVE "* ]]; then
    log "the package's class-data archive, by its own script, from $(basename "$SAS_JAR")"
    MCX_ARCHIVE_JAVA=$(command -v "$SAS_JAVA") MCX_ARCHIVE_JAR=$SAS_JAR \
        sh "$ROOT/installers/src/access-server/make-class-archive.sh" "$CLASS_ARCHIVE" > "$WORK/class-archive.log" 2>&1
    [[ -s "$CLASS_ARCHIVE" ]] || log "no class-data archive (see $WORK/class-archive.log); the SAS starts without one"
fi

# --- one certificate for every TLS listener ------------------------------------------------------
mkdir -p "$WORK/www/gm" "$WORK/tmp" "$WORK/out" "$WORK/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" 2>/dev/null
cat "$WORK/tls/cert.pem" "$WORK/tls/key.pem" > "$WORK/tls/haproxy.pem"
openssl rand -hex 16 > "$WORK/tls/p12.password"
openssl pkcs12 -export -inkey "$WORK/tls/key.pem" -in "$WORK/tls/cert.pem" -name server \
    -out "$WORK/tls/server.p12" -passout "file:$WORK/tls/p12.password"
chmod 600 "$WORK/tls/key.pem" "$WORK/tls/p12.password"
chmod 644 "$WORK/tls/haproxy.pem" "$WORK/tls/cert.pem"
# The JDK server picks the key exchange group from this list only (nginx: ssl_ecdh_curve, HAProxy: curves).
SAS_TLS_OPTS="-Djdk.tls.namedGroups=secp256r1"

# --- the upstream (nginx) --------------------------------------------------------------------------
# ~200 bytes of JSON, like a small GM answer.
printf '%s' '{"groups":[{"groupId":"fire-north","displayName":"Fire North","memberCount":12},{"groupId":"fire-south","displayName":"Fire South","memberCount":9}],"instance":"gm-bench","note":"static upstream for sas-vs-nginx"}' \
    > "$WORK/www/gm/groups"
chmod -R a+rX "$WORK/www"

nginx_conf() { # name servers...: a whole nginx configuration of its own (pid, logs, temp files)
    local name=$1; shift
    cat <<EOF
worker_processes auto;
pid $WORK/$name.pid;
error_log $WORK/$name-error.log warn;
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
    client_body_temp_path $WORK/tmp/$name-body;
    proxy_temp_path $WORK/tmp/$name-proxy;
    fastcgi_temp_path $WORK/tmp/$name-fastcgi;
    uwsgi_temp_path $WORK/tmp/$name-uwsgi;
    scgi_temp_path $WORK/tmp/$name-scgi;
    types { }
    default_type application/json;
    ssl_certificate $WORK/tls/cert.pem;
    ssl_certificate_key $WORK/tls/key.pem;
    ssl_protocols TLSv1.3;
    ssl_ecdh_curve prime256v1;
$*
}
EOF
}

start_nginx() { # name
    "$NGINX" -p "$WORK" -c "$WORK/$1.conf" -t -q
    "$NGINX" -p "$WORK" -c "$WORK/$1.conf"
    NGINX_PIDFILES+=("$WORK/$1.pid")
}

nginx_conf upstream "
    # direct: the upstream, a static file (plain for the proxies; TLS and HTTP/2 for the baseline)
    server {
        listen 127.0.0.1:$UPSTREAM_PORT;
        listen 127.0.0.1:$(( UPSTREAM_PORT + TLS_OFFSET )) ssl http2;
        root $WORK/www;
    }" > "$WORK/upstream.conf"
nginx_conf nginx "
    upstream gm { server 127.0.0.1:$UPSTREAM_PORT; keepalive 128; keepalive_requests 1000000; }
    # nginx as the gateway: refuses without an Authorization header, then proxy_pass
    server {
        listen 127.0.0.1:$PROXY_PORT;
        listen 127.0.0.1:$(( PROXY_PORT + TLS_OFFSET )) ssl http2;
        location / {
            if (\$http_authorization = \"\") { return 401; }
            proxy_pass http://gm;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
            proxy_set_header Authorization \"\";
        }
    }" > "$WORK/nginx.conf"
start_nginx upstream
log "upstream (nginx): 127.0.0.1:$UPSTREAM_PORT, TLS $(( UPSTREAM_PORT + TLS_OFFSET ))"

# --- HAProxy ---------------------------------------------------------------------------------------
cat > "$WORK/haproxy.cfg" <<EOF
global
    nbthread $(nproc)
    maxconn 8000
    ssl-default-bind-options ssl-min-ver TLSv1.3
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout http-keep-alive 60s
    http-reuse always
frontend gateway
    bind 127.0.0.1:$HAPROXY_PORT
    bind 127.0.0.1:$(( HAPROXY_PORT + TLS_OFFSET )) ssl crt $WORK/tls/haproxy.pem alpn h2,http/1.1 curves P-256
    # the same check as nginx's: no (or an empty) Authorization header is refused, 401
    http-request deny deny_status 401 unless { req.hdr(authorization) -m len 1: }
    http-request del-header authorization
    default_backend gm
backend gm
    server gm1 127.0.0.1:$UPSTREAM_PORT
EOF
"$HAPROXY" -c -q -f "$WORK/haproxy.cfg"
start_haproxy() {
    "$HAPROXY" -db -f "$WORK/haproxy.cfg" > "$WORK/haproxy.log" 2>&1 &
    HAPROXY_PID=$!
}

# --- the backend, and the service access server ------------------------------------------------------
sas_modes=()  # the SAS processes needed per variant: one plain, one TLS (which serves HTTP/1.1 and HTTP/2)
for m in "${MODE_LIST[@]}" "${CURVE_LIST[@]}"; do
    [[ "$m" == plain ]] && sas_modes+=(plain) || sas_modes+=(tls)
done
read -ra sas_modes <<< "$(printf '%s\n' "${sas_modes[@]}" | sort -u | tr '\n' ' ')"
node_args=()
SAS_VARIANTS=()
for v in "${PROXY_LIST[@]}"; do [[ "$v" == sas* ]] && SAS_VARIANTS+=("$v"); done
for v in "${SAS_VARIANTS[@]}"; do
    for m in "${sas_modes[@]}"; do node_args+=(--standalone-node "$v-bench-$m"); done
done
# shellcheck disable=SC2086
java $BACKEND_JAVA_OPTS -jar "$JAR" sas-setup --sas-port 0 --upstream-port "$UPSTREAM_PORT" \
    --out "$WORK/out" --freshness-rounds "$FRESHNESS_ROUNDS" --max-seconds "$MAX_SECONDS" "${node_args[@]}" \
    > "$WORK/sas-setup.md" 2> "$WORK/sas-setup.log" &
JAVA_PID=$!
for _ in $(seq 1 1200); do
    [[ -f "$WORK/out/ready" ]] && break
    kill -0 "$JAVA_PID" 2>/dev/null || { cat "$WORK/sas-setup.log" >&2; exit 1; }
    sleep 0.1
done
[[ -f "$WORK/out/ready" ]] || { log "the backend was not ready within 120 s"; exit 1; }
TOKEN=$(cat "$WORK/out/token")
SAS_PATH=$(cat "$WORK/out/path")
REGISTRY=$(cat "$WORK/out/registry")
log "backend (sas-setup): pid $JAVA_PID, registry $REGISTRY"

sas_mode() { [[ "$1" == plain ]] && echo plain || echo tls; }  # which SAS process serves a mode
sas_port() { # plain|tls [variant]
    local p=$SAS_PORT; [[ "${2:-sas}" == sas-b ]] && p=$SAS_B_PORT
    [[ "$1" == plain ]] && echo "$p" || echo $(( p + TLS_OFFSET ))
}

start_sas() { # plain|tls [variant]: the packaged server's main class, its own JVM
    local m=$1 v=${2:-sas} tls_args=(--tls=false)
    local opts="$JAVA_OPTS" jar=$SAS_JAR args="${SAS_ARGS:-}" java=$SAS_JAVA io=$SAS_IO threads=$SAS_THREADS
    [[ "$v" == sas-b ]] && { opts="${SAS_B_JAVA_OPTS:-}"; jar=$SAS_B_JAR; args="${SAS_B_ARGS:-}"; java=${SAS_B_JAVA:-$SAS_JAVA}
                             io=${SAS_B_IO:-$SAS_IO}; threads=${SAS_B_THREADS:-$SAS_THREADS}; }
    if [[ "$m" == tls ]]; then
        tls_args=(--tls-keystore "$WORK/tls/server.p12" --tls-keystore-password-file "$WORK/tls/p12.password")
        opts="$opts $SAS_TLS_OPTS"
    fi
    [[ -n "${PROFILE:-}" ]] && opts="$opts -Xlog:gc*,safepoint:file=$PROFILE_DIR/gc-$v-$m-%p.log:uptime,level,tags"
    # shellcheck disable=SC2086
    "$java" $opts -jar "$jar" --registry "$REGISTRY" --node-id "$v-bench-$m" \
        --node-secret-file "$WORK/out/$v-bench-$m.secret" --bind 127.0.0.1 --port "$(sas_port "$m" "$v")" \
        --io "$io" --threads "$threads" "${tls_args[@]}" $args >> "$WORK/$v-$m.log" 2>&1 &
    SAS_PID[$v,$m]=$!
}

declare -A URL
for m in "${MODE_LIST[@]}" "${CURVE_LIST[@]}"; do
    s=http; o=0
    [[ "$m" != plain ]] && { s=https; o=$TLS_OFFSET; }
    URL[$m,direct]="$s://127.0.0.1:$(( UPSTREAM_PORT + o ))/gm/groups"
    URL[$m,nginx]="$s://127.0.0.1:$(( PROXY_PORT + o ))/gm/groups"
    URL[$m,haproxy]="$s://127.0.0.1:$(( HAPROXY_PORT + o ))/gm/groups"
    URL[$m,sas]="$s://127.0.0.1:$(( SAS_PORT + o ))$SAS_PATH"
    URL[$m,sas-b]="$s://127.0.0.1:$(( SAS_B_PORT + o ))$SAS_PATH"
done

curl_status() { # url [curl args]: the status code, 000 when nothing answered
    curl -sk -o /dev/null -w '%{http_code}' --max-time 5 "${@:2}" "$1" || true
}

await_ok() { # url seconds: polls until the proxy answers the token with 200
    local until=$(( $(date +%s) + $2 ))
    while (( $(date +%s) < until )); do
        [[ "$(curl_status "$1" --max-time 1 -H "Authorization: Bearer $TOKEN")" == 200 ]] && return 0
        sleep 0.02
    done
    log "no 200 from $1 within $2 s"; return 1
}

[[ " ${PROXY_LIST[*]} " == *" nginx "* ]] && start_nginx nginx
[[ " ${PROXY_LIST[*]} " == *" haproxy "* ]] && start_haproxy
for v in "${SAS_VARIANTS[@]}"; do
    for m in "${sas_modes[@]}"; do start_sas "$m" "$v"; done
done
for v in "${SAS_VARIANTS[@]}"; do
    for m in "${sas_modes[@]}"; do
        await_ok "$([[ $m == plain ]] && echo http || echo https)://127.0.0.1:$(sas_port "$m" "$v")$SAS_PATH" 90 \
            || { cat "$WORK/$v-$m.log" >&2; exit 1; }
        log "service access server $v ($m): 127.0.0.1:$(sas_port "$m" "$v") (pid ${SAS_PID[$v,$m]}) $(grep -o '([a-z_]*, [0-9]* event loops)' "$WORK/$v-$m.log" | head -1); $(grep -o 'TLS by .*' "$WORK/$v-$m.log" | head -1)"
    done
done

# --- correctness before load ---------------------------------------------------------------------
check() { # name url expected-status [curl args]
    local got; got=$(curl_status "$2" "${@:4}")
    [[ "$got" == "$3" ]] || { log "$1: expected $3, got $got"; exit 1; }
}
for m in "${MODE_LIST[@]}"; do
    h=(); [[ "$m" == h2 ]] && h=(--http2)
    for v in "${VARIANTS[@]}"; do
        check "$m $v with token" "${URL[$m,$v]}" 200 "${h[@]}" -H "Authorization: Bearer $TOKEN"
        [[ "$v" == direct ]] || check "$m $v without token" "${URL[$m,$v]}" 401 "${h[@]}"
        if [[ "$m" == h2 ]]; then
            got=$(curl -sk --http2 -o /dev/null -w '%{http_version}' -H "Authorization: Bearer $TOKEN" "${URL[$m,$v]}")
            [[ "$got" == 2 ]] || { log "$v did not negotiate HTTP/2 (got $got)"; exit 1; }
        fi
    done
done
BYTES=$(curl -sk --max-time 5 -H "Authorization: Bearer $TOKEN" "${URL[${MODE_LIST[0]},sas]:-${URL[${MODE_LIST[0]},direct]}}" | wc -c)

# --- load --------------------------------------------------------------------------------------
WRK_TIMEOUT=2s

# wrk's output -> "requests/s p50_us p99_us non2xx errors"
summarise_wrk() {
    awk '
        function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; if (v ~ /s$/) return v * 1000000; return v }
        /Requests\/sec/ { rps = $2 }
        /^ +50%/ { p50 = us($2) }
        /^ +99%/ { p99 = us($2) }
        /Non-2xx/ { non2xx = $5 }
        /Socket errors/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
        END { printf "%.0f %.0f %.0f %d %d\n", rps, p50, p99, non2xx, errors }'
}

# h2load's output and request log (start µs, status, µs to the response) -> the same five figures
summarise_h2load() { # output-file log-file
    local rps non2xx errors pct
    rps=$(awk '/^finished in/ { gsub(",", ""); print $4 }' "$1")
    non2xx=$(awk '/^status codes:/ { gsub(",", ""); print $5 + $7 + $9 }' "$1")
    errors=$(awk '/^requests:/ { gsub(",", ""); print $10 + $12 + $14 }' "$1")
    pct=$(cut -f3 "$2" | sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "0 0"; else print a[int(NR * 0.5) + 1], a[int(NR * 0.99) + 1] }')
    echo "${rps:-0} $pct ${non2xx:-0} ${errors:-0}"
}

run_load() { # mode variant seconds output-prefix
    local m=$1 v=$2 s=$3 out=$4
    if [[ "$m" == h2 ]]; then
        timeout $(( s + 15 )) h2load -t"$THREADS" -c"$CONNECTIONS" -m"$H2_STREAMS" -D "$s" --log-file "$out.log" \
            -H "Authorization: Bearer $TOKEN" "${URL[$m,$v]}" > "$out.txt" 2>&1 || true
        summarise_h2load "$out.txt" "$out.log"
        rm -f "$out.log"
    else
        timeout $(( s + 15 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${s}s" --timeout "$WRK_TIMEOUT" --latency \
            -H "Authorization: Bearer $TOKEN" "${URL[$m,$v]}" > "$out.txt"
        summarise_wrk < "$out.txt"
    fi
}

# CPU time (clock ticks, user + system) of processes, from /proc: where each request's cost goes.
cpu_ticks() { local t=0 p; for p in "$@"; do t=$(( t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0) )); done; echo "$t"; }
TICKS=$(getconf CLK_TCK)
workers_of() { pgrep -P "$(cat "$WORK/$1.pid")" | tr '\n' ' '; }
UPSTREAM_WORKERS=$(workers_of upstream)
proxy_pids() { # mode variant: the processes doing the proxy's work
    case $2 in
        direct) echo "$UPSTREAM_WORKERS" ;;
        nginx) workers_of nginx ;;
        haproxy) echo "$HAPROXY_PID" ;;
        sas*) sas_of "$1" "$2" ;;
    esac
}
sas_of() { echo "${SAS_PID[${2:-sas},$(sas_mode "$1")]}"; }  # mode [variant]: the SAS process's pid

# Per-thread CPU of a JVM (ticks by thread name, numbers folded: mcx-sas-4-1 -> mcx-sas-N-N)
thread_ticks() { # pid
    local t
    for t in /proc/"$1"/task/*; do
        [[ -r "$t/stat" ]] || continue
        printf '%s\t%s\n' "$(tr -d '\n' < "$t/comm" | sed 's/[0-9][0-9]*/N/g; s/ /_/g')" \
            "$(sed 's/.*) //' "$t/stat" | awk '{ print $12 + $13 }')"
    done | awk -F'\t' '{ s[$1] += $2 } END { for (k in s) print k "\t" s[k] }' | sort
}

# The warm-up comes in WARMUP_LOADS loads, each on new connections: a server in service has seen
# connections open and close, and a JIT that never saw a close deoptimises its read path at the
# first one (docs/benchmarks.md, session 11) - in the first measured round, if the warm-up is one load.
log "warm-up: ${WARMUP} s per variant and mode, ${SAS_WARMUP} s for the service access server, in $WARMUP_LOADS load(s) each"
for m in "${MODE_LIST[@]}"; do
    for v in "${VARIANTS[@]}"; do
        w=$WARMUP; [[ "$v" == sas* ]] && w=$SAS_WARMUP
        for i in $(seq 1 "$WARMUP_LOADS"); do
            run_load "$m" "$v" "$(( (w + WARMUP_LOADS - 1) / WARMUP_LOADS ))" "$WORK/warmup-$m-$v-$i" > /dev/null
        done
    done
done

declare -A RESULT CPU
for r in $(seq 1 "$ROUNDS"); do
    for m in "${MODE_LIST[@]}"; do
        for v in "${VARIANTS[@]}"; do
            log "round $r: $m $v, ${DURATION} s (load average $(cut -d' ' -f1 /proc/loadavg))"
            profiling=""
            if [[ "$v" == sas* && "$r" == 1 && -n "${JFR:-}" ]]; then
                profiling=1
                f=${JFR_FILE:-/tmp/sas-vs-nginx.jfr}
                [[ -n "${PROFILE:-}" ]] && f=${JFR_FILE:-$PROFILE_DIR/sas.jfr}
                b=""; [[ "$v" == sas-b ]] && b=-b
                jcmd "$(sas_of "$m" "$v")" JFR.start name=sas settings="${JFR_SETTINGS:-profile}" duration="${DURATION}s" \
                    filename="${f%.jfr}$b-$m.jfr" >/dev/null
                [[ -n "${PROFILE:-}" ]] && thread_ticks "$(sas_of "$m" "$v")" > "$WORK/threads0-$v-$m"
            fi
            pids=$(proxy_pids "$m" "$v")
            # shellcheck disable=SC2086
            p0=$(cpu_ticks $pids); u0=$(cpu_ticks $UPSTREAM_WORKERS)
            RESULT[$r,$m,$v]=$(run_load "$m" "$v" "$DURATION" "$WORK/load-$r-$m-$v")
            # shellcheck disable=SC2086
            p1=$(cpu_ticks $pids); u1=$(cpu_ticks $UPSTREAM_WORKERS)
            CPU[$r,$m,$v]="$(( p1 - p0 )) $(( u1 - u0 ))"
            if [[ -n "$profiling" && -n "${PROFILE:-}" ]]; then
                thread_ticks "$(sas_of "$m" "$v")" > "$WORK/threads1-$v-$m"
                read -r rps _ <<< "${RESULT[$r,$m,$v]}"
                join -t $'\t' "$WORK/threads0-$v-$m" "$WORK/threads1-$v-$m" | awk -F'\t' -v hz="$TICKS" -v n="$(( ${rps%.*} * DURATION ))" \
                    '{ d = $3 - $2; if (d > 0) printf "%s\t%.2f\n", $1, d * 1e6 / hz / n }' | sort -t $'\t' -k2,2nr \
                    > "$PROFILE_DIR/threads-$v-$m.tsv"
            fi
            [[ -n "${VERBOSE:-}" ]] && cat "$WORK/load-$r-$m-$v.txt" >&2
        done
    done
done

# --- the warm-up curve -------------------------------------------------------------------------------
# Each proxy is stopped and started again; the clock starts when it is launched, the load when it first
# answers 200 (h2load, HTTP/1.1 in plain and tls, HTTP/2 in h2, logging every request). Per second since
# launch: the requests started in that second and their p99.
now_us() { echo $(( $(date +%s%N) / 1000 )); }
declare -A CURVE READY_MS  # by "curve number,variant": CURVE_MODES="tls tls" draws it twice, in turns
for ci in "${!CURVE_LIST[@]}"; do
    m=${CURVE_LIST[$ci]}
    for v in "${PROXY_LIST[@]}"; do
        log "warm-up curve: $m $v, ${CURVE_SECONDS} s from its start"
        if [[ "$v" == nginx ]]; then stop_pid "$(cat "$WORK/nginx.pid")" QUIT; fi
        case $v in haproxy) stop_pid "$HAPROXY_PID" ;; sas*) stop_pid "$(sas_of "$m" "$v")" ;; esac
        sleep 1
        t0=$(now_us)
        case $v in
            nginx) start_nginx nginx ;;
            haproxy) start_haproxy ;;
            sas*) start_sas "$(sas_mode "$m")" "$v" ;;
        esac
        await_ok "${URL[$m,$v]}" 60
        READY_MS[$ci,$v]=$(( ($(now_us) - t0) / 1000 ))
        h1=(--h1); [[ "$m" == h2 ]] && h1=()
        timeout $(( CURVE_SECONDS + 15 )) h2load "${h1[@]}" -t"$THREADS" -c"$CONNECTIONS" -m1 -D "$CURVE_SECONDS" \
            --log-file "$WORK/curve-$ci-$v.log" -H "Authorization: Bearer $TOKEN" "${URL[$m,$v]}" \
            > "$WORK/curve-$ci-$v.txt" 2>&1 || true
        # "second requests p99_us non2xx", from the launch
        CURVE[$ci,$v]=$(awk -F'\t' -v t0="$t0" '{ s = int(($1 - t0) / 1000000); print s, $3, ($2 >= 200 && $2 < 300) ? 0 : 1 }' \
            "$WORK/curve-$ci-$v.log" | sort -k1,1n -k2,2n | awk '
                function flush() { if (n) printf "%d %d %d %d;", sec, n, a[int(n * 0.99) + 1], bad }
                $1 != sec { flush(); sec = $1; n = 0; bad = 0 }
                { a[++n] = $2; bad += $3 }
                END { flush() }')
    done
done

# --- report ------------------------------------------------------------------------------------
sleep 1
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
for m in "${!SAS_PID[@]}"; do stop_pid "${SAS_PID[$m]}"; done
stop_pid "$JAVA_PID"  # it prints its counters as it stops
echo "## sas-vs-nginx: service access server vs nginx and HAProxy vs direct"
echo
echo "$(date -u +%F' '%H:%M' UTC'); $(nproc) cores; $(java -version 2>&1 | head -1); $("$NGINX" -v 2>&1 | sed 's/.*: //'); $("$HAPROXY" -v | head -1 | cut -d' ' -f1-3); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); $(h2load --version | head -1); load average at end $LOAD_END"
echo
echo "Settings: $THREADS threads × $CONNECTIONS connections (wrk for HTTP/1.1, h2load -m$H2_STREAMS for HTTP/2), $ROUNDS round(s) of ${DURATION} s per mode and variant in turns, after ${WARMUP} s warm-up each (${SAS_WARMUP} s for the SAS); TLS 1.3, P-256 certificate and key exchange; response body $BYTES B; SAS: access-server.jar --io $SAS_IO --threads $SAS_THREADS, JAVA_OPTS='${JAVA_OPTS}', $("$SAS_JAVA" -version 2>&1 | head -1)$([[ " ${PROXY_LIST[*]} " == *" sas-b "* ]] && echo "; sas-b: $(basename "$SAS_B_JAR"), SAS_B_JAVA_OPTS='${SAS_B_JAVA_OPTS:-}', --io ${SAS_B_IO:-$SAS_IO} --threads ${SAS_B_THREADS:-$SAS_THREADS}, $("${SAS_B_JAVA:-$SAS_JAVA}" -version 2>&1 | head -1)")"
echo
for m in "${MODE_LIST[@]}"; do
    case $m in plain) t="HTTP/1.1, plain" ;; tls) t="HTTP/1.1 over TLS" ;; h2) t="HTTP/2 over TLS" ;; esac
    echo "### $t"
    echo
    echo "| round | variant | requests/s | p50 | p99 | proxy CPU per request | upstream CPU per request | non-2xx | errors |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for r in $(seq 1 "$ROUNDS"); do
        for v in "${VARIANTS[@]}"; do
            read -r rps p50 p99 non2xx errors <<< "${RESULT[$r,$m,$v]}"
            read -r pt ut <<< "${CPU[$r,$m,$v]}"
            awk -v r="$r" -v v="$v" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v n="$non2xx" -v e="$errors" \
                -v pt="$pt" -v ut="$ut" -v hz="$TICKS" -v d="$DURATION" -v direct="$([[ $v == direct ]] && echo 1)" \
                'BEGIN { req = rps * d; if (req < 1) req = 1
                         printf "| %s | %s | %\047d/s | %.2f ms | %.2f ms | %.1f µs | %s | %d | %d |\n", r, v, rps, p50/1000, p99/1000,
                                pt * 1e6 / hz / req, direct ? "-" : sprintf("%.1f µs", ut * 1e6 / hz / req), n, e }'
        done
    done
    echo
    others=0; for v in "${PROXY_LIST[@]}"; do [[ "$v" == sas* ]] || others=$(( others + 1 )); done
    if (( ${#SAS_VARIANTS[@]} && others )); then
        echo "| round | SAS | requests/s / best proxy's | p99 − best proxy's p99 | target (≥ 1x, ≤ 0 ms) |"
        echo "|---|---|---|---|---|"
        for r in $(seq 1 "$ROUNDS"); do
            best_rps=0; best_p99=""; best=""
            for v in "${PROXY_LIST[@]}"; do
                [[ "$v" == sas* ]] && continue
                read -r rps _ p99 _ _ <<< "${RESULT[$r,$m,$v]}"
                awk -v a="$rps" -v b="$best_rps" 'BEGIN { exit !(a > b) }' && { best_rps=$rps; best=$v; }
                if [[ -z "$best_p99" ]] || awk -v a="$p99" -v b="$best_p99" 'BEGIN { exit !(a < b) }'; then best_p99=$p99; fi
            done
            for v in "${SAS_VARIANTS[@]}"; do
                read -r srps _ sp99 _ _ <<< "${RESULT[$r,$m,$v]}"
                awk -v r="$r" -v v="$v" -v s="$srps" -v b="$best_rps" -v bn="$best" -v sp="$sp99" -v bp="$best_p99" 'BEGIN {
                    ok = (s >= b && sp <= bp) ? "met" : "**missed**"
                    printf "| %s | %s | %.2fx (%s) | %+.2f ms | %s |\n", r, v, s / (b > 0 ? b : 1), bn, (sp - bp) / 1000, ok }'
            done
        done
        echo
    fi
done

for ci in "${!CURVE_LIST[@]}"; do
    m=${CURVE_LIST[$ci]}
    echo "### Warm-up curve $(( ci + 1 )), $m: requests/s and p99 per second since the process was launched"
    echo
    head="| second |"; rule="|---|"
    for v in "${PROXY_LIST[@]}"; do head="$head $v req/s | $v p99 |"; rule="$rule---|---|"; done
    echo "$head"; echo "$rule"
    for s in $(seq 0 $(( CURVE_SECONDS + 1 ))); do
        line="| $s–$(( s + 1 )) s |"; any=""
        for v in "${PROXY_LIST[@]}"; do
            cell=$(tr ';' '\n' <<< "${CURVE[$ci,$v]}" | awk -v s="$s" '$1 == s { printf "%\047d | %.1f ms%s", $2, $3 / 1000, ($4 ? " (" $4 " not 2xx)" : "") }')
            [[ -n "$cell" ]] && any=1 || cell="- | -"
            line="$line $cell |"
        done
        [[ -n "$any" ]] && echo "$line"
    done
    echo
    echo "| proxy | first 200 after launch | steady requests/s (median of the last 10 s) | first second at ≥ 90% of steady | within 5 s |"
    echo "|---|---|---|---|---|"
    for v in "${PROXY_LIST[@]}"; do
        tr ';' '\n' <<< "${CURVE[$ci,$v]}" | awk -v v="$v" -v ready="${READY_MS[$ci,$v]}" -v last="$CURVE_SECONDS" '
            NF == 4 { rps[$1] = $2; if ($1 > max) max = $1 }
            END {
                # the last full seconds: the final bucket is partial (the load stops inside it)
                n = 0; for (s = max - 10; s < max; s++) if (s in rps) v10[++n] = rps[s]
                for (i = 2; i <= n; i++) for (j = i; j > 1 && v10[j - 1] > v10[j]; j--) { t = v10[j]; v10[j] = v10[j - 1]; v10[j - 1] = t }
                steady = n ? v10[int((n + 1) / 2)] : 0
                first = -1; for (s = 0; s < max && first < 0; s++) if ((s in rps) && rps[s] >= 0.9 * steady) first = s
                printf "| %s | %.2f s | %\047d/s | %s | %s |\n", v, ready / 1000, steady,
                       first < 0 ? "never" : sprintf("%d–%d s", first, first + 1), (first >= 0 && first + 1 <= 5) ? "yes" : "**no**" }'
    done
    echo
done

if [[ -n "${PROFILE:-}" ]]; then
    for f in "$PROFILE_DIR"/threads-*.tsv; do
        [[ -s "$f" ]] || continue
        echo "CPU per request by thread, $(basename "$f" .tsv | sed 's/^threads-//'), round 1 (µs; JFR and GC log in $PROFILE_DIR):"
        echo
        echo "| thread | CPU per request |"
        echo "|---|---|"
        head -8 "$f" | awk -F'\t' '{ printf "| %s | %s µs |\n", $1, $2 }'
        echo
    done
fi
cat "$WORK/sas-setup.md"
