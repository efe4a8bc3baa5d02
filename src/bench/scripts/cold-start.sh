#!/usr/bin/env bash
# Cold start: JVM start -> one patient's assessment printed, median of N runs per configuration.
# Run from the repository root after `mvn -B -Pbench verify -Djmh.args=-l` (builds the jars and bench classes).
# Usage: src/bench/scripts/cold-start.sh [runs] [patient.json]
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-11}
PATIENT=${2:-target/cold-start-patient.json}
JAR=$(ls target/netlm-rules-*-cli.jar | head -1)
# AppCDS accepts jars only on the class path: pack the probe class into a jar of its own.
jar cf target/cold-start-probe.jar -C target/test-classes org/netlm/bench/ColdStart.class
CP="$JAR:target/cold-start-probe.jar"
MAIN=org.netlm.bench.ColdStart
if [ ! -f "$PATIENT" ]; then
  python3 -c "import json,sys; json.dump(json.load(open('src/test/resources/scenarios/examples/05-progressive-midgut-after-ssa.json'))['patient'], open('$PATIENT','w'))"
fi
JSA=target/netlm-cds.jsa
# Training run for the AppCDS archive: the classes loaded by one assessment on each path (bundled and folder).
java -XX:ArchiveClassesAtExit=$JSA -cp "$CP" $MAIN train "$PATIENT" >/dev/null 2>&1

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f ms (min %d, max %d, n=%d)", m, a[1], a[NR], NR}'; }
run() {
  local name=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    local t0=$(date +%s%N)
    java "$@" >/dev/null 2>&1 || { echo "$name: run failed" >&2; java "$@" | tail -3; exit 1; }
    local t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%-48s %s\n' "$name" "$(printf '%s\n' "${times[@]}" | median)"
}
run "bundled, pre-compiled model"                  -cp "$CP" $MAIN bundled "$PATIENT"
run "bundled + AppCDS"                             -XX:SharedArchiveFile=$JSA -cp "$CP" $MAIN bundled "$PATIENT"
run "bundled + AppCDS + C1 only + SerialGC"        -XX:SharedArchiveFile=$JSA -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$CP" $MAIN bundled "$PATIENT"
run "folder rules/ (classic DRL compiler)"         -cp "$CP" $MAIN rules "$PATIENT"
run "folder rules/ + AppCDS"                       -XX:SharedArchiveFile=$JSA -cp "$CP" $MAIN rules "$PATIENT"
run "folder rules/ + AppCDS + C1 only + SerialGC"  -XX:SharedArchiveFile=$JSA -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$CP" $MAIN rules "$PATIENT"
run "folder rules/ + AppCDS + javac (NATIVE)"      -XX:SharedArchiveFile=$JSA -Ddrools.dialect.java.compiler=NATIVE -cp "$CP" $MAIN rules "$PATIENT"
