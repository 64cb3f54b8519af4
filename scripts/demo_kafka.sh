#!/usr/bin/env bash
# `make demo-kafka`: the seed's page-count job on real servers. Starts a Kafka broker
# (scripts/kafka.sh) and a PostgreSQL 15 server (a fresh cluster in a temporary directory,
# on a free loopback port), creates the analytics database and its page_counts table,
# produces the demo's 2000 JSON page events to the page-events topic, runs the seed's Flink
# SQL (examples/page_counts.sql, the broker's and the database's addresses put in place of
# the seed's) with `eddy sql -f` until it has read them all, prints the table and stops both
# servers. The same job in the DataStream API is examples/page_counts_kafka.cpp (its
# end-to-end test is test/e2e/page_counts).
#
#   scripts/demo_kafka.sh [build dir (default: build)]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-build}" && pwd)"
pg_bin="${EDDY_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
password="eddy-demo"

die() { echo "demo_kafka.sh: $*" >&2; exit 1; }
[ -x "$pg_bin/initdb" ] || die "PostgreSQL 15 is missing in $pg_bin: run scripts/setup.sh"
for f in eddy examples/page_counts_kafka_events; do
  [ -e "$build/$f" ] || die "$build/$f is missing: build first (make build)"
done

work="$(mktemp -d "${TMPDIR:-/tmp}/eddy-demo-kafka.XXXXXX")"
chmod 755 "$work"
pg_dir="$work/postgres"
cleanup() {
  [ -f "$pg_dir/data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop > /dev/null 2>&1 || true
  bash "$here/kafka.sh" stop "$work/kafka" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL refuses to run as root: as root, the server runs as the postgres user.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

echo "== starting Kafka"
bootstrap="$(bash "$here/kafka.sh" start "$work/kafka")"
echo "Kafka at $bootstrap"

echo "== starting PostgreSQL"
mkdir -p "$pg_dir"
echo "$password" > "$pg_dir/password"
[ "$(id -u)" = 0 ] && chown -R postgres "$pg_dir"
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U eddy --pwfile="$pg_dir/password" --auth=scram-sha-256 -E UTF8 \
  --locale=C --no-sync > "$pg_dir/initdb.log" 2>&1 || die "initdb failed: $(tail -5 "$pg_dir/initdb.log")"
pg_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start > /dev/null ||
  die "PostgreSQL did not start: $(tail -5 "$pg_dir/server.log")"
export PGPASSWORD="$password"
psql_do() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U eddy "$@"; }
psql_do -d postgres -c "CREATE DATABASE analytics"
psql_do -d analytics -c "CREATE TABLE page_counts (user_id VARCHAR(64) NOT NULL, window_start TIMESTAMP(3) NOT NULL,
  window_end TIMESTAMP(3) NOT NULL, page_count BIGINT NOT NULL, PRIMARY KEY (user_id, window_start))"
echo "PostgreSQL at 127.0.0.1:$pg_port, database analytics"

echo "== producing page events"
"$build/examples/page_counts_kafka_events" "$bootstrap" page-events 2000

echo "== running the Page Event Aggregator (examples/page_counts.sql)"
sed -e "s/kafka:9092/$bootstrap/" -e "s/localhost:5432/127.0.0.1:$pg_port/" -e 's/${JDBC_USERNAME}/eddy/' \
  -e "s/\${JDBC_PASSWORD}/$password/" "$here/../examples/page_counts.sql" > "$work/page_counts.sql"
"$build/eddy" sql -f "$work/page_counts.sql"

echo "== page_counts"
psql_do -d analytics -c "SELECT user_id, window_start, window_end, page_count FROM page_counts
  ORDER BY window_start, user_id"
