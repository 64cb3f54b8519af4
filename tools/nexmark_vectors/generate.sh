#!/usr/bin/env bash
# Generates src/connectors/tests/data/nexmark_seed42.txt with the Java port of the Nexmark
# generator (bench/nexmark/flink): the first 100 events of a one-generator run with seed 42
# and base time 1700000000000, then the SHA-256 of its first 10,000 event lines. The C++
# generator's test (src/connectors/tests/nexmark_generator_test.cc) must reproduce both.
#
# Usage: tools/nexmark_vectors/generate.sh [output.txt]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
out="${1:-${repo}/src/connectors/tests/data/nexmark_seed42.txt}"

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
javac -d "${work}" "${repo}/bench/nexmark/flink/src/main/java/io/eddy/nexmark/NexmarkGenerator.java"
java -cp "${work}" io.eddy.nexmark.NexmarkGenerator 42 1700000000000 10000 > "${out}"
echo "wrote ${out}"
