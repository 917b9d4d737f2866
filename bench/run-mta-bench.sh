#!/bin/sh
# MTA reader benchmark: reading time for a 10,000-line main.cf, a 100,000-name Postfix /file list and a
# 100,000-line sendmail local-host-names, after warm-up; then the CLI's start-up time
# (java -jar target/maildrift.jar names …, a fresh JVM each run). Usage: bench/run-mta-bench.sh [WARMUP RUNS]
set -eu
cd "$(dirname "$0")/.."
./mvnw -q package -DskipTests
./mvnw -q test-compile
cp=$(./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
java -Xmx512m -cp "target/classes:target/test-classes:$cp" org.maildrift.bench.MtaReadBench "$@"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'myhostname = mx.example.com\nmydestination = $myhostname, localhost, lists.example.com\n' > "$dir/main.cf"
runs=10
total=0
max=0
i=0
while [ $i -lt $runs ]; do
  start=$(date +%s%N)
  java -jar target/maildrift.jar names --postfix "$dir" --hostname mx.example.com > /dev/null
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  total=$((total + ms))
  [ $ms -gt $max ] && max=$ms
  i=$((i + 1))
done
echo "CLI start-up: 'maildrift names --postfix' mean $((total / runs)) ms, max $max ms over $runs runs"
