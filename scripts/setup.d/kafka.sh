#!/usr/bin/env bash
# Fetches the Apache Kafka server jars from Maven Central into a cache outside the clone
# (~/.cache/eddy/kafka-<version>/libs), once: scripts/kafka.sh runs the broker from there.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/kafka/pom.xml")"
cache="${EDDY_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/eddy/kafka-$version}"
if [ -f "$cache/libs/.complete" ]; then
  echo "setup: kafka $version present in $cache"
  exit 0
fi
echo "setup: fetching kafka $version jars into $cache"
rm -rf "$cache/libs.partial"
mkdir -p "$cache"
mvn -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$cache/libs.partial"
touch "$cache/libs.partial/.complete"
rm -rf "$cache/libs"
mv "$cache/libs.partial" "$cache/libs"
