#!/usr/bin/env bash
# Runs every benchmark and records the results with the commit they ran on.
set -euo pipefail
build_dir=${1:-build}
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
mkdir -p bench/results
for b in "$build_dir"/bench/eddy_*_benchmark; do
  name=$(basename "$b")
  echo "== $name (commit $commit)"
  "$b" --benchmark_counters_tabular=true | tee "bench/results/${name}-${commit}.txt"
done
