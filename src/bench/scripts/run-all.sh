#!/usr/bin/env bash
# The full performance measurement of docs/performance.md, for a quiet machine (nothing else running).
# Results: target/perf/ (JMH JSON per group, text logs). Takes about 35 minutes on 2 cores.
# Usage (repository root): src/bench/scripts/run-all.sh
# QUICK=1 src/bench/scripts/run-all.sh checks that every step runs (one short iteration each, 20,000 patients):
# its numbers mean nothing.
set -euo pipefail
QUICK=${QUICK:-}
SHORT=${QUICK:+-f 1 -wi 1 -i 1 -w 1s -r 1s}
PATIENTS=${QUICK:+20000}
PATIENTS=${PATIENTS:-500000}
if [ -n "$QUICK" ]; then COLD_FORKS=1; COLD_RUNS=1; else COLD_FORKS=10; COLD_RUNS=11; fi
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
python3 src/bench/drl-shape/merge_criteria.py rules target/drl-shape/merged

jmh() { # name, then JMH arguments
  local name=$1; shift
  mvn -B -q -Pbench verify -Djmh.args="$* -rf json -rff $OUT/jmh-$name.json" | tee "$OUT/jmh-$name.txt" | grep -E '^(Benchmark|[A-Za-z]+Benchmark)'
}
jmh assess      "AssessBenchmark -prof gc $SHORT"
jmh rule-group  "RuleGroupBenchmark $SHORT"
jmh drl-shape   "DrlShapeBenchmark $SHORT"
jmh json        "JsonPipelineBenchmark $SHORT"
jmh batch-io    "BatchIoBenchmark $SHORT"
jmh build-warm  "EngineBuildBenchmark ${QUICK:+-f 1 -wi 1 -i 1}"
jmh build-cold  "EngineBuildBenchmark -bm ss -wi 0 -i 1 -f $COLD_FORKS"

src/bench/scripts/cold-start.sh $COLD_RUNS | tee "$OUT/cold-start.txt"

# batch: $PATIENTS (500,000) random valid patients, 2 worker threads, end to end (JVM start, parse, assess, write), peak RSS.
JAR=$(ls target/netlm-rules-*-cli.jar | head -1)
mvn -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
CP="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
INPUT=target/batch-$PATIENTS.ndjson
[ -s "$INPUT" ] || { java -cp "$CP" org.netlm.bench.BatchProbe generate "$PATIENTS" "$INPUT.tmp" && mv "$INPUT.tmp" "$INPUT"; }
for heap in "" "-Xmx256m -XX:+UseParallelGC"; do
  echo "== java $heap -jar cli.jar batch --threads 2" | tee -a "$OUT/batch.txt"
  /usr/bin/time -v java $heap -jar "$JAR" batch --input "$INPUT" --output target/batch-out.ndjson --threads 2 \
    2>&1 >/dev/null | grep -E '^batch: read|Elapsed|Maximum resident' | tee -a "$OUT/batch.txt"
  rm -f target/batch-out.ndjson
done
# batch per output format (full, summary, csv) with the bin/netlm JVM settings
INPUT="$INPUT" src/bench/scripts/batch-formats.sh "$PATIENTS" | tee -a "$OUT/batch.txt"
# the same work through BatchProbe (a model of batch) with the DRL-shape experiment's merged rules, for comparison
for spec in bundled target/drl-shape/merged; do
  java -Xmx256m -XX:+UseParallelGC -cp "$CP" org.netlm.bench.BatchProbe "$spec" "$INPUT" target/batch-out.ndjson 2 \
    2>/dev/null | tee -a "$OUT/batch.txt"
  rm -f target/batch-out.ndjson
done
uptime | tee -a "$OUT/machine.txt"
