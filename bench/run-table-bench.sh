#!/bin/sh
# Table lookup benchmark: 10,000 watched names against a 100,000-domain mysql_table(5) in a MariaDB on
# loopback (started by the benchmark; Debian mariadb-server). Usage: bench/run-table-bench.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
./mvnw -q test-compile
cp=$(./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
java -Xmx512m -cp "target/classes:target/test-classes:$cp" org.maildrift.bench.TableLookupBench "$@"
