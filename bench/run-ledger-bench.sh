#!/bin/sh
# Recording check runs in the findings ledger: four runs of N findings (new, confirmed, unchanged, half
# replaced), on H2 in memory or on PostgreSQL on loopback (needs Debian's postgresql).
# Usage: bench/run-ledger-bench.sh [h2|postgres] [FINDINGS] [ROUNDS] [no-analyze]   (default h2 10000 5)
set -eu
cd "$(dirname "$0")/.."
./mvnw -q test-compile
cp=$(./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx1g ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$cp" org.maildrift.checks.LedgerBench "$@"
