#!/usr/bin/env bash
# The project venv (.venv at the repository root) with DuckDB from PyPI: the independent
# oracle that test/sql's runner checks insert-only query results against. Idempotent: an
# existing venv with duckdb importable is left as it is.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv"

if [ -x "$venv/bin/python3" ] && "$venv/bin/python3" -c 'import duckdb' 2>/dev/null; then
  echo "setup: duckdb present in $venv ($("$venv/bin/python3" -c 'import duckdb; print(duckdb.__version__)'))"
  exit 0
fi

if [ ! -x "$venv/bin/python3" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python3" -m pip install --quiet --disable-pip-version-check duckdb
echo "setup: installed duckdb $("$venv/bin/python3" -c 'import duckdb; print(duckdb.__version__)') in $venv"
