#!/usr/bin/env bash
# Builds veilflux and its JMH benchmarks, runs them, and writes the JSON result and a markdown
# table to benchmarks/results/, with the latency percentiles of the benchmarks that measure them.
# Extra arguments go to JMH (e.g. a benchmark regex, -f 2, -wi 5).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
"$root/mvnw" -B -q -f "$root/pom.xml" install -DskipTests
"$root/mvnw" -B -q -f "$here/pom.xml" package
mkdir -p "$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
json="$here/results/jmh-$stamp.json"
latencies="$here/results/latency-$stamp.jsonl"
# Forks inherit the host JVM's options, so the benchmarks that measure latency find the file.
java -Dveilflux.latencies="$latencies" -jar "$here/target/benchmarks.jar" -rf json -rff "$json" "$@"
java -cp "$here/target/benchmarks.jar" io.veilflux.benchmarks.Report "$json" "$here/results/jmh-$stamp.md" "$latencies"
echo "results: $json and ${json%.json}.md"
