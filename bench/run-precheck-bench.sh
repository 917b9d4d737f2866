#!/bin/sh
# precheck benchmark: one-entry change sets (rename-host, set-cname, accept-name, set-mx) on the check
# benchmark's estate (N watched names over 200 Postfix hosts), DNS from zone files and from BIND on
# loopback; times the precheck once the evidence is collected. Needs named (bind9).
# Usage: bench/run-precheck-bench.sh [SIZE...]   (default 10000)
set -eu
cd "$(dirname "$0")/.."
./mvnw -q test-compile
cp=$(./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx512m ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$cp" org.maildrift.cli.PrecheckBench "$@"
