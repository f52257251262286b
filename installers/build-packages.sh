#!/usr/bin/env bash
# Builds the native packages with a jlinked runtime, so that no JDK is needed where they install.
#
#   mvn -Pinstallers package -DskipTests        (from the project root: the documented way)
#
# Maven calls this with MCX_VERSION, MCX_ROOT, MCX_OUT and MCX_TYPES (installers/pom.xml); it can
# be run by hand with the same variables once the jars exist. ACMC_JAR and ACMC_DEMO_JAR override
# where the console's and the demo's shaded jars are looked for. Output, in $MCX_OUT (installers/target):
#   app-image/mcx-registry/       the backend, runnable in place: bin/mcx-registry
#   app-image/mcx-access-server/  the service access server alone (e.g. for a DMZ): bin/mcx-access-server
#   app-image/acmc-console/       the console alone (when acmc-desktop's jar exists)
#   app-image/acmc-demo/          the console with the demo, its own application (when acmc-demo's jar exists)
#   packages/*.deb, packages/*.rpm
#   build-report.txt              sizes and times of this build
#
# Runtimes are jlinked from JDK modules only (jdeps finds them; jlink refuses automatic modules):
# the application jars go in with --input. JavaFX's jmods are not on Maven Central, so the
# console's JavaFX classes and natives ride in its shaded jar on top of a JDK-only runtime.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "${MCX_ROOT:-$here/..}" && pwd)
out=${MCX_OUT:-$here/target}
version=${MCX_VERSION:?MCX_VERSION (the project version) is needed}
types=${MCX_TYPES:-deb rpm}
backend_jar=$root/registry-backend/target/registry-backend.jar
access_jar=$root/access-server/target/access-server.jar
console_jar=${ACMC_JAR:-$root/acmc-desktop/target/acmc-desktop.jar}
demo_jar=${ACMC_DEMO_JAR:-$root/acmc-demo/target/acmc-demo.jar}

# jpackage wants a numeric version; the full one (e.g. 0.1.0-SNAPSHOT) is what --version shows.
app_version=${version%%-*}
release=1
[[ $version == *-SNAPSHOT ]] && release=0.snapshot

report=$out/build-report.txt
mkdir -p "$out"
: >"$report"
say() { echo "[installers] $*"; echo "$*" >>"$report"; }
timed() { # timed LABEL COMMAND...: runs it, records its wall time
  local label=$1; shift
  local t0; t0=$(date +%s%N)
  "$@"
  say "$label: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}
size() { du -sh "$1" | cut -f1; }

for tool in jpackage jlink jdeps jar; do
  command -v $tool >/dev/null || { echo "$tool not found: a full JDK 17+ is needed to build packages" >&2; exit 1; }
done
for jar in "$backend_jar" "$access_jar"; do
  [ -f "$jar" ] || { echo "$jar is missing: build from the project root (mvn -Pinstallers package -DskipTests)" >&2; exit 1; }
done

# jlink RUNTIME_DIR JAR EXTRA_MODULES [LEFT_OUT_MODULE] [JLINK_OPTION...]: a runtime with the JDK modules the jar
# uses, plus extras that jdeps cannot see (providers found through ServiceLoader, e.g. the EC
# crypto TLS needs), minus modules only reached by code the application never runs.
make_runtime() {
  local dir=$1 jar=$2 extra=$3 left_out=${4:-}
  shift 4 2>/dev/null || shift $#
  local modules
  modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 "$jar")
  modules="$modules,$extra"
  modules=$(tr , '\n' <<<"$modules" | grep -vxF -e "${left_out:-none}" | awk 'NF && !seen[$0]++' | paste -sd, -)
  say "runtime modules for $(basename "$jar"): $modules"
  rm -rf "$dir"
  # bin/keytool is kept (no --strip-native-commands): the backend makes its certificate with it.
  jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 "$@" --output "$dir"
}

# Adds what jpackage 17 cannot place outside its install directory to a .deb it made: the
# systemd unit and the configuration file (a conffile, so upgrades keep the operator's edits).
add_system_files_to_deb() {
  local deb=$1 files=$2
  local work; work=$(mktemp -d)
  dpkg-deb -R "$deb" "$work/pkg"
  cp -a "$files/." "$work/pkg/"
  chmod -R u=rwX,go=rX "$work/pkg/etc" "$work/pkg/lib"
  (cd "$work/pkg" && find etc -type f -printf '/%p\n') >>"$work/pkg/DEBIAN/conffiles"
  (cd "$work/pkg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum) >"$work/pkg/DEBIAN/md5sums"
  local kb; kb=$(du -sk --exclude=DEBIAN "$work/pkg" | cut -f1)
  sed -i "s/^Installed-Size: .*/Installed-Size: $kb/" "$work/pkg/DEBIAN/control"
  dpkg-deb --root-owner-group --build "$work/pkg" "$deb" >/dev/null
  rm -rf "$work"
}

package() { # package NAME ARGS_DIR TYPE: a native package from the app-image
  local name=$1 src=$2 type=$3
  case $type in
    deb) command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null \
           || { say "$name .deb: skipped (dpkg-deb and fakeroot are needed)"; return; } ;;
    rpm) command -v rpmbuild >/dev/null || { say "$name .rpm: skipped (rpmbuild is needed: apt-get install rpm)"; return; } ;;
    *) echo "unknown package type $type" >&2; exit 1 ;;
  esac
  local resources=()
  [ -d "$src/resources" ] && resources=(--resource-dir "$src/resources")
  local icon=()
  [ -f "$src/resources/$name.png" ] && icon=(--icon "$src/resources/$name.png")
  timed "$name .$type (jpackage)" jpackage --type "$type" @"$src/$type.args" "${resources[@]}" "${icon[@]}" \
      --app-image "$out/app-image/$name" --app-version "$app_version" --linux-app-release "$release" \
      --dest "$out/packages"
}

rm -rf "$out/app-image" "$out/packages" "$out/input" "$out/runtime"
mkdir -p "$out/app-image" "$out/packages"
say "version $version (packages: $app_version-$release), types: app-image $types"

# ---- the backend -----------------------------------------------------------------------------
src=$here/src/backend
mkdir -p "$out/input/backend/packaging"
cp "$backend_jar" "$out/input/backend/"
# Reference copies inside the app: the RPM spec installs the unit and configuration from here.
cp "$src/root/lib/systemd/system/mcx-registry.service" "$src/root/etc/mcx-registry/registry.conf" \
   "$root/docs/operations.md" "$out/input/backend/packaging/"
# java.desktop is left out of the server: jdeps finds it only in H2's GUI tools, Jetty's
# AWT leak preventer and Jackson's optional java.beans support, none of which the server runs;
# with it, the .deb would depend on X11, ALSA and font libraries on a headless host.
timed "backend runtime (jlink)" make_runtime "$out/runtime/backend" "$backend_jar" jdk.crypto.ec,jdk.localedata java.desktop
timed "backend app-image (jpackage)" jpackage --type app-image @"$src/app.args" --app-version "$app_version" \
    --input "$out/input/backend" --runtime-image "$out/runtime/backend" --dest "$out/app-image"
say "backend app-image: $(size "$out/app-image/mcx-registry") in $out/app-image/mcx-registry"
for type in $types; do
  package mcx-registry "$src" "$type"
done
for deb in "$out"/packages/mcx-registry_*.deb; do
  [ -e "$deb" ] && timed "backend .deb: unit and conffile added" add_system_files_to_deb "$deb" "$src/root"
done

# ---- the service access server alone --------------------------------------------------------
# What a DMZ host runs: no registry, no database driver, no Jetty; a node fed over CSC-15.
src=$here/src/access-server
mkdir -p "$out/input/access-server/packaging"
cp "$access_jar" "$out/input/access-server/"
# Netty's native libraries (BoringSSL, io_uring, epoll) beside the jar, in lib/app, which the launcher puts
# on java.library.path. Netty loads them from there; otherwise it copies them out of the jar into /tmp at
# every start and loads them from there, which fails where /tmp is mounted noexec, as hardening guides
# advise (the unit's PrivateTmp inherits the host's mount options): the node would then fall back to the
# JDK's TLS and to NIO, slower, with a line in its log that is easily missed.
(cd "$out/input/access-server" && jar xf access-server.jar META-INF/native && mv META-INF/native/*.so . && rm -r META-INF)
cp "$src/root/lib/systemd/system/mcx-access-server.service" "$src/root/etc/mcx-access-server/access-server.conf" \
   "$root/docs/operations.md" "$src/make-class-archive.sh" "$out/input/access-server/packaging/"
chmod 0755 "$out/input/access-server/packaging/make-class-archive.sh"
# --generate-cds-archive: the JDK's base class-data archive, on which the postinst builds the node's own
# (make-class-archive.sh; a dynamic archive cannot be made without a base one).
# --add-options=-XX:ThreadPriorityPolicy=1: the JVM sets its threads' priorities, so its JIT compiler and
# GC threads run at nice -4 where the unit grants CAP_SYS_NICE (docs/operations.md, "The JIT settings of
# the package"). Set in the runtime rather than the launcher, where the JVM would warn at every start that
# the flag "may require system level permission" (it checks for root, not for the capability).
timed "access server runtime (jlink)" make_runtime "$out/runtime/access-server" "$access_jar" jdk.crypto.ec,jdk.localedata java.desktop \
    --generate-cds-archive --add-options=-XX:ThreadPriorityPolicy=1
timed "access server app-image (jpackage)" jpackage --type app-image @"$src/app.args" --app-version "$app_version" \
    --input "$out/input/access-server" --runtime-image "$out/runtime/access-server" --dest "$out/app-image"
say "access server app-image: $(size "$out/app-image/mcx-access-server") in $out/app-image/mcx-access-server"
for type in $types; do
  package mcx-access-server "$src" "$type"
done
for deb in "$out"/packages/mcx-access-server_*.deb; do
  [ -e "$deb" ] && timed "access server .deb: unit and conffile added" add_system_files_to_deb "$deb" "$src/root"
done

# ---- the console and the demo ------------------------------------------------------------------
# Two desktop packages. acmc-console is the console alone: what an administrator's workstation
# needs, no server code and no database driver. acmc-demo is the console plus the demo as an
# application of its own (launcher acmc-demo, menu entry "ACMC demo"): its jar embeds two backends,
# the service access server and the samples. Each package has its own runtime, so either installs
# alone and neither's upgrade can break the other.
# console_package NAME ARGS_DIR JAR JAR_NAME: jlinked runtime, app-image and native packages.
console_package() {
  local name=$1 src=$2 jar=$3 jar_name=$4
  mkdir -p "$out/input/$name"
  cp "$jar" "$out/input/$name/$jar_name"
  # JavaFX needs jdk.unsupported (sun.misc.Unsafe) and, for its Swing and AWT bridges, java.desktop.
  # --generate-cds-archive: the JDK's base class-data archive, which a bare jlinked runtime lacks; JVMs
  # start sooner with it, and the demo's fast start builds its own archive on it (without it that
  # JVM refuses to start).
  timed "$name runtime (jlink)" make_runtime "$out/runtime/$name" "$jar" \
      jdk.crypto.ec,jdk.unsupported,java.desktop,jdk.localedata "" --generate-cds-archive
  timed "$name app-image (jpackage)" jpackage --type app-image @"$src/app.args" --app-version "$app_version" \
      --icon "$src/resources/$name.png" \
      --input "$out/input/$name" --runtime-image "$out/runtime/$name" --dest "$out/app-image"
  say "$name app-image: $(size "$out/app-image/$name") in $out/app-image/$name (runtime $(size "$out/app-image/$name/lib/runtime"), jar $(size "$jar"))"
  for type in $types; do
    package "$name" "$src" "$type"
  done
}
if [ -f "$console_jar" ]; then
  console_package acmc-console "$here/src/console" "$console_jar" acmc-desktop.jar
else
  say "console: skipped — $console_jar does not exist (the acmc-desktop module builds it)"
fi
if [ -f "$demo_jar" ]; then
  console_package acmc-demo "$here/src/demo" "$demo_jar" acmc-demo.jar
else
  say "demo: skipped — $demo_jar does not exist (the acmc-demo module builds it)"
fi

for f in "$out"/packages/*; do
  [ -e "$f" ] && say "package $(basename "$f"): $(size "$f")"
done
rm -rf "$out/input" "$out/runtime"
