#!/bin/sh
# Dashboard latency with 10,000 open findings: the service in one JVM on H2, 20 concurrent clients.
# Usage: bench/run-dashboard-bench.sh
set -eu
cd "$(dirname "$0")/.."
./mvnw -q test-compile
cp=$(./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx1g ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$cp" org.maildrift.dashboard.DashboardBench "$@"
