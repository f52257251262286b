#!/usr/bin/env bash
# Failover of a three-node cluster on one PostgreSQL (issue 13; docs/benchmarks.md, "cluster-failover"):
# kills a node with SIGKILL under write load KILLS times (a different node each round, restarted
# after) and prints p50/p99 of the time until the consoles, applications, service access server and
# writer that were on it are served again. Everything is real and local: the backends are processes
# of their own on an embedded PostgreSQL (zonky, from Maven Central), the clients the real client
# library, the SAS the access-server module's; nothing listens beyond 127.0.0.1.
#
#   benchmarks/cluster-failover.sh             # 10 kills, about 3 minutes on two cores
#   KILLS=3 benchmarks/cluster-failover.sh
#
# The figures come from registry-backend's ClusterFailoverBenchmark (a JUnit class tagged
# "benchmark", not run by mvn verify); the table is also left in
# registry-backend/target/cluster-failover.md, the nodes' logs of each round in
# registry-backend/target/cluster-failover/.
set -euo pipefail

KILLS=${KILLS:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
rm -f registry-backend/target/cluster-failover.md
# -am builds what the backend's tests need; -Dtest limits every module to this one class, which
# runs in the backend's PostgreSQL execution (on H2 it skips itself).
mvn -q -B -pl registry-backend -am verify -Djacoco.skip=true \
    -Dtest=ClusterFailoverBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dmcx.bench.kills="$KILLS"
cat registry-backend/target/cluster-failover.md
