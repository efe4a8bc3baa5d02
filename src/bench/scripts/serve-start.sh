#!/usr/bin/env bash
# Start-up of `serve` (issue 12: "starts in under 2 s"): JVM start -> the one "listening" line (the service reports
# "ready N ms after JVM start"; the port is bound only when engine, FHIR mapper and audit store are built), this
# process's CPU time (user + sys) at that moment, and the wall time of the first patient-view request; median of N runs
# per configuration. The AppCDS archive target/netlm-serve.jsa is made by one training run (start, one request,
# SIGTERM; JDK 17 -XX:ArchiveClassesAtExit); bin/netlm serve uses it when it is newer than the jar.
# With JAVA25=/path/to/jdk-25/bin/java also JDK 25 with its AOT cache (JEP 483/514: classes loaded and linked ahead of
# time, one training run with -XX:AOTCacheOutput), a deployment option: the build's release is 17.
# Run from the repository root after `mvn -B package -DskipTests`; JAR (2nd argument) compares another build's CLI jar.
# Usage: src/bench/scripts/serve-start.sh [runs=5] [cli jar=target/netlm-rules-*-cli.jar]
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-5}
JAR=$(readlink -f "${2:-$(ls "$PWD"/target/netlm-rules-*-cli.jar | head -1)}")
JSA=$PWD/target/netlm-serve.jsa
[ -n "${2:-}" ] && JSA=$PWD/target/$(basename "$JAR" .jar)-serve.jsa
AOT=$PWD/target/$(basename "$JAR" .jar)-serve.aot
REQ=$PWD/target/serve-start-request.json
TICK=$(getconf CLK_TCK)
# A patient-view request with the prefetch of one example Bundle (as src/bench/java/.../CdsHooksLoad builds it).
python3 - examples/fhir/resectable-g2-pancreatic.json "$REQ" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
keys = {"Condition": "conditions", "Observation": "observations", "MedicationRequest": "medicationRequests",
        "MedicationStatement": "medicationStatements", "Procedure": "procedures", "DiagnosticReport": "reports"}
pre = {k: {"resourceType": "Bundle", "type": "searchset", "entry": []} for k in
       ["conditions", "observations", "medicationRequests", "medicationStatements", "procedures", "reports"]}
ctx = {"userId": "Practitioner/p1"}
for e in b["entry"]:
    r = e["resource"]
    if r["resourceType"] == "Patient":
        pre["patient"] = r; ctx["patientId"] = r["id"]; continue
    entry = {"resource": r}
    if "fullUrl" in e: entry["fullUrl"] = e["fullUrl"]
    pre[keys.get(r["resourceType"], "observations")]["entry"].append(entry)
json.dump({"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "context": ctx, "prefetch": pre},
          open(sys.argv[2], "w"))
PY

# One start: prints "ready_ms cpu_ms first_request_ms".
start_once() {
  local dir log pid port ready cpu first
  dir=$(mktemp -d); log=$dir/log
  ( cd "$dir" && exec "${JAVA_BIN:-java}" "$@" -jar "$JAR" serve --port 0 --no-auth ) >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1200); do grep -q "listening on" "$log" && break; sleep 0.05; done
  grep -q "listening on" "$log" || { echo "serve did not start:" >&2; cat "$log" >&2; kill "$pid"; exit 1; }
  cpu=$(awk -v t="$TICK" '{printf "%d", ($14 + $15) * 1000 / t}' /proc/$pid/stat)
  ready=$(sed -n 's/.*ready \([0-9]*\) ms after JVM start.*/\1/p' "$log" | head -1)
  port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\)\/.*/\1/p' "$log" | head -1)
  first=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H 'Content-Type: application/json' --data-binary @"$REQ" \
    "http://127.0.0.1:$port/cds-services/netlm-liver-metastases" | awk '{printf "%d", $1 * 1000}')
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  echo "$ready $cpu $first"
}

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%6.0f (%d-%d)", m, a[1], a[NR]}'; }
run() {
  local name=$1; shift
  local r=() c=() f=()
  for _ in $(seq "$RUNS"); do
    read -r a b d < <(start_once "$@")
    r+=("$a"); c+=("$b"); f+=("$d")
  done
  printf '%-40s ready ms %s  CPU ms %s  first request ms %s\n' "$name" \
    "$(printf '%s\n' "${r[@]}" | median)" "$(printf '%s\n' "${c[@]}" | median)" "$(printf '%s\n' "${f[@]}" | median)"
}

rm -f "$JSA"
start_once -XX:ArchiveClassesAtExit="$JSA" >/dev/null
[ -f "$JSA" ] || { echo "no AppCDS archive was written" >&2; exit 1; }
uptime
run "serve (JVM defaults)"
run "serve + AppCDS"                      -XX:SharedArchiveFile="$JSA"
run "serve + AppCDS + SerialGC"           -XX:SharedArchiveFile="$JSA" -XX:+UseSerialGC
if [ -n "${JAVA25:-}" ]; then
  rm -f "$AOT"
  JAVA_BIN=$JAVA25 start_once -XX:AOTCacheOutput="$AOT" -Xlog:aot=off -Xlog:cds=off >/dev/null
  [ -f "$AOT" ] || { echo "no AOT cache was written" >&2; exit 1; }
  JAVA_BIN=$JAVA25 run "JDK 25 serve + AOT cache"          -XX:AOTCache="$AOT" -Xlog:aot=off -Xlog:cds=off
  JAVA_BIN=$JAVA25 run "JDK 25 serve + AOT cache + SerialGC" -XX:AOTCache="$AOT" -Xlog:aot=off -Xlog:cds=off -XX:+UseSerialGC
fi
uptime
