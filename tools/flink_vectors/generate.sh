#!/usr/bin/env bash
# Generates src/state/tests/data/keygroup_vectors.tsv with the real Apache Flink jars: Maven
# fetches flink-runtime (and what it needs) into a temporary folder, javac compiles
# KeyGroupVectors.java against it, and its output becomes the test vectors of
# src/state/tests/flink_keygroup_vectors_test.cc.
#
# Usage: tools/flink_vectors/generate.sh [output.tsv]
#   FLINK_VERSION  the Flink release to ask (default below)
set -euo pipefail

flink_version="${FLINK_VERSION:-2.2.0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
out="${1:-${repo}/src/state/tests/data/keygroup_vectors.tsv}"

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

cat > "${work}/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>eddy.tools</groupId>
  <artifactId>flink-vectors</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.apache.flink</groupId>
      <artifactId>flink-runtime</artifactId>
      <version>${flink_version}</version>
    </dependency>
  </dependencies>
</project>
EOF

if ! mvn -B -Dstyle.color=never -f "${work}/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="${work}/lib" > "${work}/mvn.log" 2>&1; then
  cat "${work}/mvn.log" >&2
  exit 1
fi
javac -encoding UTF-8 -cp "${work}/lib/*" -d "${work}/classes" "${here}/KeyGroupVectors.java"

mkdir -p "$(dirname "${out}")"
{
  echo "# Test vectors for keyBy made by Apache Flink ${flink_version}:"
  echo "# org.apache.flink.runtime.state.KeyGroupRangeAssignment (assignToKeyGroup,"
  echo "# assignKeyToParallelOperator, computeKeyGroupRangeForOperatorIndex) and Java's hashCode"
  echo "# ($(java -version 2>&1 | head -n 1))."
  echo "# Made by: FLINK_VERSION=${flink_version} tools/flink_vectors/generate.sh. Do not edit by hand."
  java -cp "${work}/classes:${work}/lib/*" KeyGroupVectors
} > "${out}.tmp"
mv "${out}.tmp" "${out}"
echo "wrote $(grep -vc '^#' "${out}") rows to ${out}" >&2
