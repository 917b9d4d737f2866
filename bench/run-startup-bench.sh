#!/bin/sh
# CLI start-up, whole processes: java -jar target/maildrift.jar beside the launcher target/maildrift/bin/maildrift
# (extracted layout, class data sharing archive), on the demo estate, one main.cf and the 10,000-name estate.
# Usage: bench/run-startup-bench.sh [RUNS]   (default 5)
set -eu
cd "$(dirname "$0")/.."
./mvnw -q package -DskipTests -Djacoco.skip=true
cp=$(./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Xmx256m -cp "target/classes:target/test-classes:$cp" org.maildrift.cli.StartupBench "$@"
