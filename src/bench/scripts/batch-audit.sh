#!/usr/bin/env bash
# batch with and without --audit (embedded H2 store in a fresh folder), end to end, same input, same run:
# patients/s and wall time, timed from outside. Runs on the compiled classes (mvn -o -q -Pbench test-compile first).
# Usage: src/bench/scripts/batch-audit.sh [input (examples/cohort/cohort.ndjson)] [threads (2)]
set -euo pipefail
cd "$(dirname "$0")/../../.."
INPUT=${1:-examples/cohort/cohort.ndjson}
THREADS=${2:-2}
OUT=target/perf
mkdir -p "$OUT"
[ -s target/bench-cp.txt ] || mvn -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
CP="target/classes:$(cat target/bench-cp.txt)"
PATIENTS=$(grep -c . "$INPUT")
measure() { # label, batch arguments…
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  java -Xmx256m -XX:+UseParallelGC -cp "$CP" org.netlm.cli.NetlmCli batch --input "$INPUT" --threads "$THREADS" \
    --format csv --output "$OUT/batch-audit.csv" "$@" 2>"$OUT/batch-audit.err" || { tail -3 "$OUT/batch-audit.err"; exit 1; }
  end=$(date +%s.%N)
  printf '%-22s %7.0f patients/s  wall %6.1f s  load %s\n' "$label" "$(echo "$PATIENTS / ($end - $start)" | bc -l)" \
    "$(echo "$end - $start" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/batch-audit.txt"
}
echo "== $(date -Is) $PATIENTS patients from $INPUT, $THREADS threads, $(nproc) cores" | tee -a "$OUT/batch-audit.txt"
rm -rf "$OUT/audit-store"
measure "csv"
measure "csv --audit" --audit --audit-dir "$OUT/audit-store"
measure "csv" 
rm -rf "$OUT/audit-store"
measure "csv --audit" --audit --audit-dir "$OUT/audit-store"
