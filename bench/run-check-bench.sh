#!/bin/sh
# check benchmark: the DNS benchmark's estate (N watched names over 200 Postfix hosts) checked with
# DNS from its zone files and from BIND on loopback; evidence collection, rules and reporting timed
# apart. Needs named (bind9). Usage: bench/run-check-bench.sh [SIZE...]   (default 10000)
set -eu
cd "$(dirname "$0")/.."
./mvnw -q test-compile
cp=$(./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx512m ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$cp" org.maildrift.cli.CheckBench "$@"
