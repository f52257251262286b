#!/bin/sh
# Makes the access server's class-data archive: what its launcher maps at start instead of loading
# and verifying some 3,700 classes of its own and its libraries (the first answer ~0.6 s sooner; docs/benchmarks.md, issue 15).
# Installed as /opt/mcx-access-server/lib/app/packaging/make-class-archive.sh; the package's postinst
# (and %post) run it after every install and upgrade, because JDK 17 ties the archive to the exact
# runtime and jar it was made from: a copy from the build machine would be refused.
#
#   make-class-archive.sh ARCHIVE [USER]
#
# The archive comes from a training run, as USER when given: access-server --class-archive-training
# serves itself over loopback for 4 s (enough to load every class it serves with) with a throw-away
# certificate and no registry, then exits. It is written beside ARCHIVE and moved into place only
# when whole. A failure leaves no archive, and the node then starts as without one, a little slower.
set -eu

archive=$1
user=${2:-}
app=$(cd "$(dirname "$0")/.." && pwd)
# The installed runtime and jar; MCX_ARCHIVE_JAVA and MCX_ARCHIVE_JAR name others (the benchmark
# harness runs the SAS from the build). The jar's path must be the one the JVM will run: CDS checks it
# (the launcher's class path, lib/app/mcx-access-server.cfg).
java=${MCX_ARCHIVE_JAVA:-$app/../runtime/bin/java}
jar=${MCX_ARCHIVE_JAR:-$app/access-server.jar}
partial=$archive.partial

run() {
    if [ -n "$user" ]; then
        # runuser (util-linux) is on every Debian and RHEL-family host; no login shell needed.
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}
# Everything in ARCHIVE's directory is done as USER: it is USER's directory, and root following a
# link USER put there (a chmod, say) would hand USER whatever the link names. The JVM writes it 0444.
run rm -f "$archive" "$partial"
if run "$java" -XX:ArchiveClassesAtExit="$partial" -Xlog:cds=off -Xlog:cds+dynamic=off \
        -cp "$jar" org.mcx.access.Main --class-archive-training --warm-up=4s >/dev/null 2>&1 \
        && [ -s "$partial" ] && run mv -f "$partial" "$archive"; then
    echo "mcx-access-server: class-data archive made ($(du -h "$archive" | cut -f1)): faster starts"
else
    run rm -f "$partial"
    echo "mcx-access-server: no class-data archive could be made; the node starts without one (slower)" >&2
fi
