#!/usr/bin/env bash
# Apache Flink for the Nexmark comparison: the `apache-flink` PyPI package (PyFlink, which
# bundles the Flink distribution's jars in pyflink/lib and pyflink/opt) installed into the
# project venv (.venv). It is large and only the benchmark needs it, so when scripts/setup.sh
# runs every setup.d step this one does nothing; `make bench-nexmark` runs it with --install.
# Idempotent: quick when the right version is already installed.
set -euo pipefail

if [ "${1:-}" != "--install" ]; then
  echo "setup: apache-flink is installed by 'make bench-nexmark' only"
  exit 0
fi

root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv"
version="${EDDY_FLINK_VERSION:-2.3.0}"

installed() {
  [ -x "$venv/bin/python3" ] &&
    [ "$("$venv/bin/python3" -c 'from importlib.metadata import version; print(version("apache-flink"))' 2>/dev/null)" = "$version" ]
}

if installed; then
  echo "setup: apache-flink $version present in $venv"
  exit 0
fi

if [ ! -x "$venv/bin/python3" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python3" -m pip install --quiet --disable-pip-version-check "apache-flink==$version"
"$venv/bin/python3" -c 'import pyflink'
echo "setup: installed apache-flink $version in $venv"
