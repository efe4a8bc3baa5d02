#!/usr/bin/env bash
# Load run of the CDS Hooks service (docs/performance.md, "CDS Hooks service"): 10,000 patient-view requests with
# prefetch (the examples/fhir Bundles) from 16 concurrent clients on loopback, JWT on; p50/p99 latency, requests/s,
# and every response checked against engine.assess of the same Bundle. Not a test.
# Usage (repository root): src/bench/scripts/cds-load.sh [requests=10000] [clients=16] [warmup=2000] [patient-view|discovery]
# (discovery: GET /cds-services with the same tokens, what HTTP, JWT verification and the clients cost alone)
# The warm-up is at least `warmup` requests, then rounds of 2,000 until the JIT compiler takes under 5 % of the CPU:
# on 2 cores that is 30,000-40,000 requests, several minutes in all.
# NETLM_LOAD_OPTS=-Daudit=h2: every call recorded in an embedded H2 audit store, as `serve` does by default.
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -o -q -B -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
uptime
java -Xmx1g ${NETLM_LOAD_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  -Dlogback.configurationFile=netlm-cli-logback.xml \
  org.netlm.service.CdsHooksLoad "${1:-10000}" "${2:-16}" "${3:-2000}" "${4:-patient-view}"
uptime
