#!/usr/bin/env bash
# Installs everything Eddy needs to build and test on a fresh Debian 12 machine.
# Idempotent: a package already present is not installed again, and apt-get update runs
# only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libgtest-dev libgmock-dev libbenchmark-dev
  libfmt-dev libspdlog-dev libyaml-cpp-dev libcli11-dev libabsl-dev libxxhash-dev libsimdjson-dev
  libre2-dev libssl-dev
  # state backends, connectors and the cluster's REST server
  librocksdb-dev librdkafka-dev libpq-dev libmariadb-dev libcpp-httplib-dev nlohmann-json3-dev
  # the avro and avro-confluent formats
  libavro-dev
  # real servers for the connector tests (Kafka comes from Maven Central, see scripts/kafka.sh)
  postgresql mariadb-server openjdk-17-jre-headless maven python3-venv
  # the libFuzzer targets in test/fuzz (configure with clang++ and -DEDDY_FUZZ=ON)
  clang-14 libclang-rt-14-dev libc++-14-dev libc++abi-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi

# What the other parts of the project need beyond Debian packages (Maven jars, the venv).
for step in "$(dirname "$0")"/setup.d/*.sh; do
  if [ -e "$step" ]; then bash "$step"; fi
done
