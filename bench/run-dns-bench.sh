#!/bin/sh
# DNS evidence benchmark: BIND on loopback serving generated zones of 1,000 / 10,000 / 50,000 watched
# names; maildrift's evidence collection against it, then dnsperf with the same queries.
# Needs named (bind9) and dnsperf. Usage: bench/run-dns-bench.sh [SIZE...]   (-Dconcurrency=N via JAVA_OPTS)
set -eu
cd "$(dirname "$0")/.."
./mvnw -q test-compile
cp=$(./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx256m ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$cp" org.maildrift.bench.DnsBench "$@"
