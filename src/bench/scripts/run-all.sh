#!/usr/bin/env bash
# The full performance measurement of docs/performance.md, for a quiet machine (nothing else running).
# Results: target/perf/ (JMH JSON per group, text logs). Takes about 35 minutes on 2 cores.
# Usage (repository root): src/bench/scripts/run-all.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=target/perf
mkdir -p "$OUT"
{
  echo "date: $(date -Is)"
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  java -version 2>&1 | head -2
  mvn -v 2>/dev/null | head -1
  uptime
} | tee "$OUT/machine.txt"

# Build jars, bench classes and the restructured rule copies of the DRL-shape experiment.
mvn -B -q -Pbench verify -Djmh.args=-l
python3 src/bench/drl-shape/aggregate.py rules target/drl-shape/aggregate
python3 src/bench/drl-shape/merge_criteria.py rules target/drl-shape/merged set

jmh() { # name, then JMH arguments
  local name=$1; shift
  mvn -B -q -Pbench verify -Djmh.args="$* -rf json -rff $OUT/jmh-$name.json" | tee "$OUT/jmh-$name.txt" | grep -E '^(Benchmark|[A-Za-z]+Benchmark)'
}
jmh assess      'AssessBenchmark -prof gc'
jmh rule-group  RuleGroupBenchmark
jmh drl-shape   DrlShapeBenchmark
jmh json        JsonPipelineBenchmark
jmh build-warm  EngineBuildBenchmark
jmh build-cold  'EngineBuildBenchmark -bm ss -wi 0 -i 1 -f 10'

src/bench/scripts/cold-start.sh 11 | tee "$OUT/cold-start.txt"

# batch: 500,000 random valid patients, 2 worker threads, end to end (JVM start, parse, assess, write), peak RSS.
JAR=$(ls target/netlm-rules-*-cli.jar | head -1)
CP="$JAR:target/test-classes"
[ -f target/batch-500k.ndjson ] || java -cp "$CP" org.netlm.bench.BatchProbe generate 500000 target/batch-500k.ndjson
for heap in "" "-Xmx256m -XX:+UseParallelGC"; do
  echo "== java $heap -jar cli.jar batch --threads 2" | tee -a "$OUT/batch.txt"
  /usr/bin/time -v java $heap -jar "$JAR" batch --input target/batch-500k.ndjson --output target/batch-out.ndjson --threads 2 \
    2>&1 >/dev/null | grep -E '^batch: read|Elapsed|Maximum resident' | tee -a "$OUT/batch.txt"
  rm -f target/batch-out.ndjson
done
# the same work through BatchProbe (a model of batch) with the DRL-shape experiment's merged rules, for comparison
for spec in bundled target/drl-shape/merged; do
  java -Xmx256m -XX:+UseParallelGC -cp "$CP" org.netlm.bench.BatchProbe "$spec" target/batch-500k.ndjson target/batch-out.ndjson 2 \
    2>/dev/null | tee -a "$OUT/batch.txt"
  rm -f target/batch-out.ndjson
done
uptime | tee -a "$OUT/machine.txt"
