#!/usr/bin/env bash
# Smoke test of the Linux packages, as an operator and an administrator would meet them:
#
#   installers/smoke-test.sh          (from anywhere; builds the packages first if they are missing,
#                                      or always with REBUILD=1)
#
# 1. the backend .deb, unpacked into a scratch root (dpkg-deb -x: nothing on this host changes):
#    its files (launcher, jlinked runtime with keytool, systemd unit, conffile, maintainer scripts);
# 2. the installed launcher started with the packaged registry.conf (TLS on, self-signed
#    certificate made on first start, logs to a file, online backups), only the machine-specific
#    settings overridden by MCX_* variables as an operator's drop-in would; waits for
#    "listening on wss://"; logs in over the protocol as the first administrator, trusting the
#    fingerprint it printed; waits for an online backup; stops it with SIGTERM (clean stop);
# 3. restores that backup with the installed launcher into a new data directory, starts on it
#    and logs in again (the data came back);
# 4. when the console's app-images exist: the console alone (acmc-console) carries no server and
#    opens its connect window, --demo saying where demo mode is; the demo (acmc-demo) opens the
#    console in demo mode. Both on a virtual display (Xvfb), with screenshots in
#    docs/screenshots/installed-console.png and installed-demo.png;
# 5. the service access server .deb: its files (launcher, runtime without java.desktop,
#    jar without registry code, its own user, hardened unit, conffile; its start settings: the
#    runtime's thread priorities, the class-data archive the postinst makes, mapped); started from its packaged
#    access-server.conf against the installed backend (registry without a SAS of its own,
#    sas-url pointing at the node; the node made with `mcx-registry create-node`): TLS by default
#    with a certificate it makes, a request without a token refused over HTTP/2, clean stop, a
#    refused node and plain HTTP off loopback stopped in words with the codes the unit expects.
# Needs: a JDK and Maven only to build; dpkg-deb; Xvfb, xdotool, ImageMagick for part 4 (installed
# with apt-get when missing, by /work/shared/tools/look-at-ui).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=$here/target
look_at_ui=${LOOK_AT_UI:-/work/shared/tools/look-at-ui}
failures=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

deb=$(ls "$out"/packages/mcx-registry_*.deb 2>/dev/null | head -1)
if [ -z "$deb" ] || [ -n "${REBUILD:-}" ]; then
  # Debian packages the build needs: fakeroot for jpackage's .deb, rpm (rpmbuild) for the .rpm.
  need=""
  command -v fakeroot >/dev/null || need="$need fakeroot"
  command -v rpmbuild >/dev/null || need="$need rpm"
  if [ -n "$need" ] && command -v apt-get >/dev/null; then
    echo "== installing:$need"
    (apt-get update -qq && apt-get install -y -qq $need) >/dev/null 2>&1 || echo "could not install$need (the .rpm is then skipped)"
  fi
  echo "== building the packages (mvn -Pinstallers package -DskipTests, a few minutes)"
  (cd "$root" && mvn -q -Pinstallers package -DskipTests) || { echo "FAIL  build"; exit 1; }
  deb=$(ls "$out"/packages/mcx-registry_*.deb | head -1)
fi
command -v dpkg-deb >/dev/null || { echo "dpkg-deb is needed"; exit 1; }

scratch=$(mktemp -d /tmp/mcx-smoke.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill -9 "$server" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT

echo "== 1. the backend package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
sysroot=$scratch/root
dpkg-deb -x "$deb" "$sysroot" && dpkg-deb -e "$deb" "$sysroot/DEBIAN"
launcher=$sysroot/opt/mcx-registry/bin/mcx-registry
check "launcher /opt/mcx-registry/bin/mcx-registry is executable" test -x "$launcher"
check "jlinked runtime with keytool (for the generated certificate)" test -x "$sysroot/opt/mcx-registry/lib/runtime/bin/keytool"
check "runtime without java.desktop (no X11 on a server)" bash -c "! grep -q java.desktop '$sysroot/opt/mcx-registry/lib/runtime/release'"
check "systemd unit /lib/systemd/system/mcx-registry.service" test -f "$sysroot/lib/systemd/system/mcx-registry.service"
check "unit runs as user mcx with the packaged configuration" grep -q "^User=mcx" "$sysroot/lib/systemd/system/mcx-registry.service"
check "unit is hardened (ProtectSystem=strict, NoNewPrivileges)" bash -c "grep -q '^ProtectSystem=strict' '$sysroot/lib/systemd/system/mcx-registry.service' && grep -q '^NoNewPrivileges=yes' '$sysroot/lib/systemd/system/mcx-registry.service'"
if command -v systemd-analyze >/dev/null; then
  # The unit as installed, its ExecStart pointed into the scratch root so that the check can see it.
  sed "s#/opt/mcx-registry#$sysroot/opt/mcx-registry#g" "$sysroot/lib/systemd/system/mcx-registry.service" >"$scratch/mcx-registry.service"
  check "systemd-analyze verify accepts the unit" systemd-analyze verify --recursive-errors=no --man=no "$scratch/mcx-registry.service"
  echo "      systemd-analyze security: $(systemd-analyze security --offline=yes "$scratch/mcx-registry.service" 2>/dev/null | grep -o 'Overall exposure level.*')"
fi
check "/etc/mcx-registry/registry.conf is a conffile" grep -qx /etc/mcx-registry/registry.conf "$sysroot/DEBIAN/conffiles"
check "postinst creates the system user mcx" grep -q "useradd --system" "$sysroot/DEBIAN/postinst"
for script in postinst prerm postrm; do
  check "$script is valid sh (not run: it would change this host)" sh -n "$sysroot/DEBIAN/$script"
done
rpm_file=$(ls "$out"/packages/mcx-registry-*.rpm 2>/dev/null | head -1)
if [ -n "$rpm_file" ] && command -v rpm >/dev/null; then
  check "the .rpm has the unit and registry.conf as %config(noreplace)" bash -c \
      "rpm -qpl '$rpm_file' 2>/dev/null | grep -qx /usr/lib/systemd/system/mcx-registry.service && rpm -qp --configfiles '$rpm_file' 2>/dev/null | grep -qx /etc/mcx-registry/registry.conf"
  check "the .rpm creates the user mcx before installing" bash -c "rpm -qp --scripts '$rpm_file' 2>/dev/null | grep -A2 '^preinstall' | grep -q useradd"
fi
check "the .deb depends on no X11 library" bash -c "! dpkg-deb -f '$deb' Depends | grep -q libx11"
"$launcher" --version | sed 's/^/      /'
check "--version is the project version" bash -c "'$launcher' --version | grep -q '^registry-backend [0-9]'"

echo "== 2. the installed backend, started with the packaged registry.conf"
conf=$sysroot/etc/mcx-registry/registry.conf
work=$scratch/var
mkdir -p "$work"
(umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$work/initial-admin-password")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sas_port=$(free_port)
# What an operator's drop-in would set on this machine: everything else comes from the file.
server_env=(MCX_SYSTEM_ID=smoke MCX_BIND=127.0.0.1 MCX_PORT=0 MCX_SAS_PORT="$sas_port"
  MCX_DATA_DIR="$work/lib" MCX_LOG_DIR="$work/log" MCX_BACKUP_DIR="$work/backups" MCX_BACKUP_INTERVAL=3s
  MCX_ADMIN_PASSWORD_FILE="$work/initial-admin-password")

# start_server LOG_PREFIX ENV...: starts the launcher, waits for its listening line; sets $server, $url, $fingerprint
start_server() {
  local name=$1; shift
  local t0; t0=$(date +%s%N)
  env "$@" "$launcher" --config "$conf" >"$scratch/$name.out" 2>"$scratch/$name.err" &
  server=$!
  url=""
  for _ in $(seq 1200); do
    url=$(grep -o 'listening on wss://[^ ]*' "$scratch/$name.out" 2>/dev/null | cut -d' ' -f3)
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.05
  done
  start_ms=$(ms_since "$t0")
  fingerprint=$(sed -n 's/^certificate SHA-256 fingerprint //p' "$scratch/$name.out")
}
stop_server() { # SIGTERM, as systemd stops it; returns its exit code in $stopped_with
  kill -TERM "$server"
  local t0; t0=$(date +%s%N)
  wait "$server"; stopped_with=$?
  stop_ms=$(ms_since "$t0")
  server=""
}

start_server first "${server_env[@]}"
if [ -z "$url" ]; then
  fail "the installed backend did not start; it said:"; cat "$scratch/first.out" "$scratch/first.err"; exit 1
fi
pass "listening on $url after $start_ms ms (cold start: new database, certificate made)"
sed 's/^/      /' "$scratch/first.out"
check "TLS on by default: wss://" test "${url%%:*}" = wss
check "certificate fingerprint printed" test -n "$fingerprint"
check "certificate made in the data directory" test -f "$work/lib/tls/server.p12"
check "fingerprint logged to registry.log" grep -q "TLS certificate SHA-256 fingerprint $fingerprint" "$work/log/registry.log"
login=$("$launcher" check-login --url "$url" --password-file "$work/initial-admin-password" --fingerprint "$fingerprint" 2>"$scratch/login.err")
echo "      $login"
check "protocol login as the first administrator over wss://" grep -q "as admin \[ADMIN\]" <<<"$login"
echo wrong-password >"$work/wrong"
check "a wrong password is refused" bash -c "! '$launcher' check-login --url '$url' --password-file '$work/wrong' --fingerprint '$fingerprint' 2>/dev/null"
check "another certificate is refused" bash -c "! '$launcher' check-login --url '$url' --password-file '$work/initial-admin-password' --fingerprint 00:${fingerprint:3} 2>/dev/null"
for _ in $(seq 200); do ls "$work"/backups/mcx-backup-*.zip >/dev/null 2>&1 && break; sleep 0.05; done
backup=$(ls "$work"/backups/mcx-backup-*.zip 2>/dev/null | head -1)
check "an online backup was written ($(basename "${backup:-none}"))" test -n "$backup"
check "the password is in no log" bash -c "! grep -rqF \"\$(cat '$work/initial-admin-password')\" '$work/log' '$scratch/first.out' '$scratch/first.err'"
stop_server
check "SIGTERM stops it cleanly (exit 143 after its shutdown hook, in $stop_ms ms)" test "$stopped_with" = 143
check "it said stopped" grep -qx stopped "$scratch/first.out"

echo "== 3. restore the online backup into a new data directory and start on it"
restored=$scratch/restored
"$launcher" restore --from "$backup" --data-dir "$restored" 2>"$scratch/restore.err" | sed 's/^/      /'
check "restore wrote the database" test -f "$restored/mcx.mv.db"
start_server second "${server_env[@]}" MCX_DATA_DIR="$restored" MCX_BACKUP_DIR= MCX_ADMIN_PASSWORD_FILE=
if [ -z "$url" ]; then
  fail "the backend did not start on the restored data"; cat "$scratch/second.out" "$scratch/second.err"
else
  pass "listening on $url after $start_ms ms (restored database, new certificate)"
  login=$("$launcher" check-login --url "$url" --password-file "$work/initial-admin-password" --fingerprint "$fingerprint" 2>/dev/null)
  echo "      $login"
  check "the administrator from the backup logs in" grep -q "as admin \[ADMIN\]" <<<"$login"
  stop_server
  check "clean stop" test "$stopped_with" = 143
fi

echo "== 4. the console's app-images: acmc-console (the console alone) and acmc-demo"
mkdir -p "$scratch/home" # the programs' preferences and caches go there, not into this user's home
list_jar() { python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; }
export -f list_jar
console=$out/app-image/acmc-console/bin/acmc-console
if [ ! -x "$console" ]; then
  echo "SKIP  no console app-image ($console): it is built once acmc-desktop's jar exists"
else
  console_jar=$out/app-image/acmc-console/lib/app/acmc-desktop.jar
  check "the console's jar carries no server (no backend, SAS, samples, Netty or H2 classes)" bash -c \
      "! list_jar '$console_jar' | grep -qE '^(org/mcx/(backend|access|samples|example|demo)|io/netty|org/h2)/'"
  said=$(HOME=$scratch/home "$console" --demo 2>&1); code=$?
  echo "      --demo: $said (exit $code)"
  check "the console alone refuses --demo, saying that demo mode is in the acmc-demo package" \
      bash -c "[ $code = 2 ] && grep -q 'acmc-demo package' <<<\"\$1\"" _ "$said"
  shot=$root/docs/screenshots/installed-console.png
  mkdir -p "$(dirname "$shot")"
  result=$(HOME=$scratch/home WINDOW='^ACMC' "$look_at_ui" "$shot" 3 -- "$console" 2>&1)
  echo "      $result"
  check "the installed console shows its connect window; screenshot in docs/screenshots/installed-console.png" \
      grep -q '^first window after .*"ACMC — connect"' <<<"$result"
fi
demo=$out/app-image/acmc-demo/bin/acmc-demo
if [ ! -x "$demo" ]; then
  echo "SKIP  no demo app-image ($demo): it is built once acmc-demo's jar exists"
else
  shot=$root/docs/screenshots/installed-demo.png
  result=$(HOME=$scratch/home WINDOW=mcx-a "$look_at_ui" "$shot" 8 -- "$demo" 2>&1)
  echo "      $result"
  check "the installed demo shows the primary's console in demo mode; screenshot in docs/screenshots/installed-demo.png" \
      grep -q '^first window after .*"ACMC — mcx-a (primary) — admin"' <<<"$result"
fi

echo "== 5. the service access server package, alone, fed by the installed backend"
sas_deb=$(ls "$out"/packages/mcx-access-server_*.deb 2>/dev/null | head -1)
if [ -z "$sas_deb" ]; then
  fail "no mcx-access-server .deb in $out/packages"
else
  echo "      $(basename "$sas_deb"): $(du -h "$sas_deb" | cut -f1), the backend's $(basename "$deb"): $(du -h "$deb" | cut -f1)"
  sas_root=$scratch/sas-root
  dpkg-deb -x "$sas_deb" "$sas_root" && dpkg-deb -e "$sas_deb" "$sas_root/DEBIAN"
  sas_launcher=$sas_root/opt/mcx-access-server/bin/mcx-access-server
  sas_unit=$sas_root/lib/systemd/system/mcx-access-server.service
  check "launcher /opt/mcx-access-server/bin/mcx-access-server is executable" test -x "$sas_launcher"
  check "jlinked runtime with keytool (for the generated certificate)" test -x "$sas_root/opt/mcx-access-server/lib/runtime/bin/keytool"
  check "runtime without java.desktop (no X11 on a server)" bash -c \
      "! grep -q java.desktop '$sas_root/opt/mcx-access-server/lib/runtime/release'"
  check "its jar carries nothing of the registry, H2, Flyway or Jetty" bash -c \
      "! unzip -l '$sas_root/opt/mcx-access-server/lib/app/access-server.jar' | grep -qE 'org/mcx/backend/|org/h2/|org/flywaydb/|org/eclipse/jetty/'"
  check "systemd unit /lib/systemd/system/mcx-access-server.service" test -f "$sas_unit"
  check "unit runs as its own user mcx-sas with the packaged configuration" bash -c \
      "grep -q '^User=mcx-sas' '$sas_unit' && grep -q -- '--config /etc/mcx-access-server/access-server.conf' '$sas_unit'"
  check "unit is hardened (ProtectSystem=strict, NoNewPrivileges)" bash -c \
      "grep -q '^ProtectSystem=strict' '$sas_unit' && grep -q '^NoNewPrivileges=yes' '$sas_unit'"
  if command -v systemd-analyze >/dev/null; then
    sed "s#/opt/mcx-access-server#$sas_root/opt/mcx-access-server#g" "$sas_unit" >"$scratch/mcx-access-server.service"
    check "systemd-analyze verify accepts the unit" systemd-analyze verify --recursive-errors=no --man=no "$scratch/mcx-access-server.service"
    echo "      systemd-analyze security: $(systemd-analyze security --offline=yes "$scratch/mcx-access-server.service" 2>/dev/null | grep -o 'Overall exposure level.*')"
  fi
  check "/etc/mcx-access-server/access-server.conf is a conffile" grep -qx /etc/mcx-access-server/access-server.conf "$sas_root/DEBIAN/conffiles"
  check "postinst creates the system user mcx-sas" grep -q "useradd --system --gid mcx-sas" "$sas_root/DEBIAN/postinst"
  for script in postinst prerm postrm; do
    check "$script is valid sh (not run: it would change this host)" sh -n "$sas_root/DEBIAN/$script"
  done
  check "the .deb depends on no X11 library" bash -c "! dpkg-deb -f '$sas_deb' Depends | grep -q libx11"
  check "--version is the project version" bash -c "'$sas_launcher' --version | grep -q '^access-server [0-9]'"
  # The start's settings (docs/operations.md, "The JIT settings of the package"): the runtime sets the
  # threads' priorities and has the JDK's base class-data archive; the postinst's script makes the node's
  # own archive, which a JVM then maps (-Xshare:on refuses to start when it cannot).
  sas_java=$sas_root/opt/mcx-access-server/lib/runtime/bin/java
  check "the runtime sets -XX:ThreadPriorityPolicy=1 (for the JIT's nice -4)" bash -c \
      "'$sas_java' -XX:+PrintFlagsFinal -version | grep -E 'ThreadPriorityPolicy +=' | grep -q '= 1 '"
  check "the unit grants CAP_SYS_NICE and no other capability" bash -c \
      "grep -qx 'AmbientCapabilities=CAP_SYS_NICE' '$sas_unit' && grep -qx 'CapabilityBoundingSet=CAP_SYS_NICE' '$sas_unit' && [ \$(grep -c '^[A-Za-z]*Capabilit' '$sas_unit') = 2 ]"
  check "the launcher maps /var/lib/mcx-access-server/access-server.jsa" \
      grep -q -- "-XX:SharedArchiveFile=/var/lib/mcx-access-server/access-server.jsa" "$sas_root/opt/mcx-access-server/lib/app/mcx-access-server.cfg"
  check "postinst makes the class-data archive" grep -q "make-class-archive.sh" "$sas_root/DEBIAN/postinst"
  t0=$(date +%s%N)
  if "$sas_root/opt/mcx-access-server/lib/app/packaging/make-class-archive.sh" "$scratch/access-server.jsa" >"$scratch/cds.out" 2>&1 \
      && [ -s "$scratch/access-server.jsa" ]; then
    pass "make-class-archive.sh made an archive of $(du -h "$scratch/access-server.jsa" | cut -f1) in $(ms_since "$t0") ms"
    check "a JVM of the runtime maps it (-Xshare:on)" "$sas_java" -Xshare:on -XX:SharedArchiveFile="$scratch/access-server.jsa" \
        -cp "$sas_root/opt/mcx-access-server/lib/app/access-server.jar" org.mcx.access.Main --version
  else
    fail "make-class-archive.sh made no archive:"; cat "$scratch/cds.out"
  fi

  # The registry as in a DMZ layout: no SAS of its own, applications sent to the node.
  node_port=$(free_port)
  start_server fifth "${server_env[@]}" MCX_DATA_DIR="$work/lib5" MCX_BACKUP_DIR= MCX_SAS_PORT=0 \
      MCX_SAS_URL="https://127.0.0.1:$node_port"
  if [ -z "$url" ]; then
    fail "the backend did not start for the access server"; cat "$scratch/fifth.out" "$scratch/fifth.err"
  else
    registry_fingerprint=$fingerprint
    "$launcher" create-node --url "$url" --password-file "$work/initial-admin-password" --fingerprint "$fingerprint" \
        --node-id sas-smoke --secret-file "$work/sas-node-secret" 2>"$scratch/create-node.err" | sed 's/^/      /'
    check "create-node wrote the node's secret, mode 0600" bash -c "test \"\$(stat -c %a '$work/sas-node-secret')\" = 600"
    check "create-node printed no secret" bash -c "! grep -qF \"\$(cat '$work/sas-node-secret')\" '$scratch/create-node.err'"
    sas_conf=$sas_root/etc/mcx-access-server/access-server.conf
    sas_env=(MCX_REGISTRY="$url" MCX_REGISTRY_FINGERPRINT="$registry_fingerprint" MCX_NODE_ID=sas-smoke
      MCX_NODE_SECRET_FILE="$work/sas-node-secret" MCX_BIND=127.0.0.1 MCX_PORT="$node_port"
      MCX_STATE_DIR="$work/sas-lib" MCX_LOG_DIR="$work/sas-log")
    t0=$(date +%s%N)
    env "${sas_env[@]}" "$sas_launcher" --config "$sas_conf" >"$scratch/sas.out" 2>"$scratch/sas.err" &
    sas_pid=$!
    sas_url=""
    for _ in $(seq 1200); do
      sas_url=$(grep -o 'listening on https\?://[^ ]*' "$scratch/sas.out" 2>/dev/null | cut -d' ' -f3)
      [ -n "$sas_url" ] && break
      kill -0 "$sas_pid" 2>/dev/null || break
      sleep 0.05
    done
    if [ -z "$sas_url" ]; then
      fail "the installed access server did not start; it said:"; cat "$scratch/sas.out" "$scratch/sas.err"
    else
      pass "access server listening on $sas_url after $(ms_since "$t0") ms (certificate made, first CSC-15 snapshot in)"
      sed 's/^/      /' "$scratch/sas.out"
      check "TLS on by default: https://" test "${sas_url%%:*}" = https
      check "certificate made in its state directory" test -f "$work/sas-lib/tls/server.p12"
      check "BoringSSL loaded from the package's lib/app, not copied out of the jar" \
          grep -q "lib/app/libnetty_tcnative_linux_x86_64.so" "/proc/$sas_pid/maps"
      code=$(curl -sk -o /dev/null -w '%{http_code} %{http_version}' "https://127.0.0.1:$node_port/services/ap-000000000000/x")
      echo "      a request without a token: $code"
      check "a request without a token is refused 401, over HTTP/2" test "$code" = "401 2"
      check "the node logs its first CSC-15 snapshot to access-server.log" grep -q "CSC-15 snapshot at seq" "$work/sas-log/access-server.log"
      check "the node's secret is in no log" bash -c "! grep -rqF \"\$(cat '$work/sas-node-secret')\" '$work/sas-log' '$scratch/sas.out' '$scratch/sas.err'"
      kill -TERM "$sas_pid"; wait "$sas_pid"; sas_stopped=$?
      check "SIGTERM stops it cleanly (exit 143)" test "$sas_stopped" = 143
      check "it said stopped" grep -qx stopped "$scratch/sas.out"
    fi
    echo wrong-secret >"$work/wrong-node-secret"
    env "${sas_env[@]}" MCX_NODE_SECRET_FILE="$work/wrong-node-secret" "$sas_launcher" --config "$sas_conf" >"$scratch/sas-wrong.out" 2>&1
    wrong_code=$?
    check "a node the registry refuses exits 1 (its unit retries), saying why" bash -c \
        "test $wrong_code = 1 && grep -q 'no grants from the registry' '$scratch/sas-wrong.out'"
    env "${sas_env[@]}" MCX_BIND=0.0.0.0 MCX_TLS=false "$sas_launcher" --config "$sas_conf" >"$scratch/sas-plain.out" 2>&1
    plain_code=$?
    check "plain HTTP off loopback is refused with exit 2 (not retried)" bash -c \
        "test $plain_code = 2 && grep -q 'loopback only' '$scratch/sas-plain.out'"
    stop_server
  fi
fi

echo
if [ "$failures" -eq 0 ]; then echo "smoke test passed"; else echo "smoke test FAILED: $failures check(s)"; fi
[ "$failures" -eq 0 ]
