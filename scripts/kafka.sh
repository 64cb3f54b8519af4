#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft: broker and controller in one process) for tests and demos.
#
#   scripts/kafka.sh start [dir]   formats storage in dir (default: a new temporary directory),
#                                  starts the broker on a free loopback port, waits until it
#                                  answers and prints its bootstrap address (host:port) on stdout
#   scripts/kafka.sh stop dir      kills the broker started in dir and removes dir
#   scripts/kafka.sh kill dir      kills the broker started in dir with SIGKILL (a crash) and
#                                  keeps dir, its data and its port for restart
#   scripts/kafka.sh restart dir   starts the broker of dir again, on the same port with the
#                                  same data, and waits until it answers, as start
#
# The directory holds kafka.pid, bootstrap, server.properties, server.log and the data.
# The jars come from scripts/setup.d/kafka.sh (run scripts/setup.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/kafka/pom.xml")"
libs="${EDDY_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/eddy/kafka-$version}/libs"
# A broker that does not answer by then is reported with the end of its log.
start_timeout_s="${EDDY_KAFKA_START_TIMEOUT_S:-60}"

die() { echo "kafka.sh: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The java command line for a main class of the broker's jars, logging into dir.
java_command() {
  local dir="$1"
  java_cmd=(java -Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$here/kafka/log4j.properties" "-Dkafka.logs.dir=$dir" -cp "$libs/*")
}

start() {
  [ -f "$libs/.complete" ] || die "Kafka $version jars are missing in $libs: run scripts/setup.sh"
  command -v java > /dev/null || die "java is not installed: run scripts/setup.sh"
  local dir="${1:-}"
  if [ -z "$dir" ]; then
    dir="$(mktemp -d "${TMPDIR:-/tmp}/eddy-kafka.XXXXXX")"
  else
    [ -f "$dir/kafka.pid" ] && kill -0 "$(cat "$dir/kafka.pid")" 2> /dev/null && die "a broker already runs in $dir"
    mkdir -p "$dir"
  fi
  local port controller_port
  port="$(free_port)"
  controller_port="$(free_port)"
  while [ "$controller_port" = "$port" ]; do controller_port="$(free_port)"; done
  sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" -e "s|@DIR@|$dir|g" \
    "$here/kafka/server.properties.in" > "$dir/server.properties"
  local cluster_id java_cmd
  java_command "$dir"
  rm -rf "$dir/data"
  cluster_id="$("${java_cmd[@]}" kafka.tools.StorageTool random-uuid)"
  "${java_cmd[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" > "$dir/format.log" 2>&1 ||
    die "formatting storage failed: $(tail -5 "$dir/format.log")"
  launch "$dir" "$port"
  echo "127.0.0.1:$port" > "$dir/bootstrap"
  echo "127.0.0.1:$port"
}

# How often the log of dir says that a broker started.
times_started() {
  local count
  count="$(grep -c "started (kafka.server.KafkaRaftServer)" "$1/server.log" 2> /dev/null || true)"
  echo "${count:-0}"
}

# Runs the broker of dir (server.properties written) on port and waits until it answers:
# until its log says it started once more than before and the port accepts connections.
launch() {
  local dir="$1" port="$2" java_cmd started_before
  java_command "$dir"
  started_before="$(times_started "$dir")"
  # setsid: the broker outlives this script and is not killed with the caller's process group.
  setsid "${java_cmd[@]}" kafka.Kafka "$dir/server.properties" >> "$dir/stdout.log" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid" > "$dir/kafka.pid"
  local deadline=$((SECONDS + start_timeout_s))
  until [ "$(times_started "$dir")" -gt "$started_before" ] &&
      (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do
    if ! kill -0 "$pid" 2> /dev/null; then
      die "the broker exited while starting: $(tail -20 "$dir/stdout.log" "$dir/server.log" 2> /dev/null)"
    fi
    if [ $SECONDS -ge $deadline ]; then
      kill -9 "$pid" 2> /dev/null || true
      die "the broker did not answer within ${start_timeout_s}s: $(tail -20 "$dir/server.log" 2> /dev/null)"
    fi
    sleep 0.2
  done
  echo "kafka.sh: broker $pid in $dir" >&2
}

# SIGKILL, as a crash: the broker gets no chance to flush or close anything.
crash() {
  local dir="${1:-}"
  [ -f "$dir/kafka.pid" ] || die "usage: kafka.sh kill dir (a dir started by kafka.sh start)"
  local pid
  pid="$(cat "$dir/kafka.pid")"
  kill -KILL "$pid" 2> /dev/null || true
  while kill -0 "$pid" 2> /dev/null; do sleep 0.05; done
}

restart() {
  local dir="${1:-}"
  [ -f "$dir/server.properties" ] && [ -f "$dir/bootstrap" ] || die "usage: kafka.sh restart dir (a dir started by kafka.sh start)"
  [ -f "$dir/kafka.pid" ] && kill -0 "$(cat "$dir/kafka.pid")" 2> /dev/null && die "a broker already runs in $dir"
  local bootstrap
  bootstrap="$(cat "$dir/bootstrap")"
  launch "$dir" "${bootstrap##*:}"
  echo "$bootstrap"
}

stop() {
  local dir="${1:-}"
  [ -n "$dir" ] || die "usage: kafka.sh stop dir"
  if [ -f "$dir/kafka.pid" ]; then
    local pid
    pid="$(cat "$dir/kafka.pid")"
    if kill -0 "$pid" 2> /dev/null; then
      kill -TERM "$pid" 2> /dev/null || true
      # A clean shutdown takes a few seconds; a test broker's data is thrown away anyway.
      for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2> /dev/null || true
    fi
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  kill) crash "${2:-}" ;;
  restart) restart "${2:-}" ;;
  *) die "usage: kafka.sh start [dir] | stop dir | kill dir | restart dir" ;;
esac
