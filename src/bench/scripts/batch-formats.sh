#!/usr/bin/env bash
# batch end to end (JVM start, parse, assess, write, rename) per output format, with the JVM settings of bin/netlm
# (-Xmx256m -XX:+UseParallelGC), 2 worker threads, timed from outside: patients/s, wall, CPU, peak RSS.
# Optionally the same for an older CLI jar first (BEFORE_JAR=path), to compare in the same run.
# Run from the repository root after `mvn -B package -DskipTests`; the input is made once with BatchProbe.
# Usage: src/bench/scripts/batch-formats.sh [patients (500000)] [formats ("full summary csv")]
set -euo pipefail
cd "$(dirname "$0")/../../.."
PATIENTS=${1:-500000}
FORMATS=${2:-full summary csv}
OUT=target/perf
mkdir -p "$OUT"
JAR=$(ls target/netlm-rules-*-cli.jar | head -1)
INPUT=${INPUT:-target/batch-$PATIENTS.ndjson}
if [ ! -s "$INPUT" ]; then
  mvn -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
  java -cp "target/test-classes:target/classes:$(cat target/bench-cp.txt)" org.netlm.bench.BatchProbe generate "$PATIENTS" "$INPUT.tmp"
  mv "$INPUT.tmp" "$INPUT"
fi
JVM="-Xmx256m -XX:+UseParallelGC"
measure() { # label, jar, batch arguments…
  local label=$1 jar=$2; shift 2
  local log; log=$(mktemp)
  /usr/bin/time -v java $JVM -jar "$jar" batch --input "$INPUT" --threads 2 "$@" >/dev/null 2>"$log" || true
  local wall user sys rss
  wall=$(grep 'Elapsed (wall' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  user=$(grep 'User time' "$log" | awk '{print $NF}')
  sys=$(grep 'System time' "$log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident' "$log" | awk '{print $NF}')
  printf '%-28s %8.0f patients/s  wall %6.1f s  cpu %6.1f s  peak RSS %4d MB  load %s\n' "$label" \
    "$(echo "$PATIENTS / $wall" | bc -l)" "$wall" "$(echo "$user + $sys" | bc -l)" $((rss / 1024)) \
    "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/batch-formats.txt"
  grep '^batch: read' "$log" >&2 || { echo "batch failed:" >&2; tail -5 "$log" >&2; }
  rm -f "$log"
}
echo "== $(date -Is) $PATIENTS patients, $(nproc) cores, $(uptime | sed 's/.*load/load/')" | tee -a "$OUT/batch-formats.txt"
if [ -n "${BEFORE_JAR:-}" ]; then
  measure "before: full" "$BEFORE_JAR" --output target/batch-out.before
  rm -f target/batch-out.before
fi
for f in $FORMATS; do
  measure "$f" "$JAR" --output "target/batch-out.$f" --format "$f" --no-progress
  rm -f "target/batch-out.$f"
done
