#!/usr/bin/env bash
# Cold start of the CLI: JVM start -> one patient's assessment on standard output (`evaluate FILE`), median of N runs
# per configuration, for the bundled rules (pre-compiled executable model) and for `--rules rules` (classic DRL
# compiler). AppCDS archives are made by one training run each (JDK 17: -XX:ArchiveClassesAtExit).
# Run from the repository root after `mvn -B package -DskipTests`.
# Usage: src/bench/scripts/cold-start.sh [runs] [patient.json]
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-11}
PATIENT=${2:-examples/progressive-pancreatic-g2.json}
JAR=$(ls target/netlm-rules-*-cli.jar | head -1)
JSA_BUNDLED=target/netlm-bundled.jsa
JSA_FOLDER=target/netlm-folder.jsa
rm -f $JSA_BUNDLED $JSA_FOLDER
java -XX:ArchiveClassesAtExit=$JSA_BUNDLED -jar "$JAR" evaluate "$PATIENT" >/dev/null 2>&1
java -XX:ArchiveClassesAtExit=$JSA_FOLDER -jar "$JAR" evaluate --rules rules "$PATIENT" >/dev/null 2>&1
FAST="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "median %5.0f ms  (min %d, max %d, n=%d)", m, a[1], a[NR], NR}'; }
run() {
  local name=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    java "$@" >/dev/null 2>&1 || { echo "$name: run failed" >&2; java "$@" | tail -3; exit 1; }
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%-52s %s\n' "$name" "$(printf '%s\n' "${times[@]}" | median)"
}
run "evaluate, bundled (pre-compiled)"                  -jar "$JAR" evaluate "$PATIENT"
run "evaluate, bundled + AppCDS"                        -XX:SharedArchiveFile=$JSA_BUNDLED -jar "$JAR" evaluate "$PATIENT"
run "evaluate, bundled + AppCDS + C1 only + SerialGC"   -XX:SharedArchiveFile=$JSA_BUNDLED $FAST -jar "$JAR" evaluate "$PATIENT"
run "evaluate, bundled + C1 only + SerialGC"            $FAST -jar "$JAR" evaluate "$PATIENT"
run "evaluate --rules rules (classic compiler)"         -jar "$JAR" evaluate --rules rules "$PATIENT"
run "evaluate --rules rules + AppCDS"                   -XX:SharedArchiveFile=$JSA_FOLDER -jar "$JAR" evaluate --rules rules "$PATIENT"
run "evaluate --rules rules + AppCDS + C1 + SerialGC"   -XX:SharedArchiveFile=$JSA_FOLDER $FAST -jar "$JAR" evaluate --rules rules "$PATIENT"
