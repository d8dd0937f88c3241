#!/bin/sh
# A throwaway PostgreSQL server on this machine for memoflow's tests and for trying several
# memoflow instances on one store: Debian's PostgreSQL 15 (package postgresql), started from a
# temporary folder on 127.0.0.1 only, with a database and a user 'memoflow' whose password is
# random. Nothing of the system's own PostgreSQL cluster is used or changed.
#
#   scripts/postgres-localhost.sh start PORT [FOLDER]   (default FOLDER: /tmp/memoflow-postgres-PORT)
#   scripts/postgres-localhost.sh stop FOLDER
#
# start prints three lines on standard output, for memoflow's settings:
#   memoflow.store.url=jdbc:postgresql://127.0.0.1:PORT/memoflow
#   memoflow.store.user=memoflow
#   memoflow.store.password-file=FOLDER/password
# Run as root, the server runs as the system user 'postgres' (through runuser); run as another
# user, it runs as that user. stop shuts the server down and removes the folder.
set -eu

bin=${MEMOFLOW_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
usage() { echo "usage: $0 start PORT [FOLDER] | stop FOLDER" >&2; exit 2; }
[ $# -ge 1 ] || usage
[ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed ($bin/initdb is missing); install it: apt-get install -y postgresql" >&2; exit 1; }

as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$1" in
start)
  [ $# -ge 2 ] || usage
  port=$2
  case "$port" in ''|*[!0-9]*) echo "The port must be a number, not '$port'." >&2; exit 2 ;; esac
  dir=${3:-/tmp/memoflow-postgres-$port}
  if [ -e "$dir/data/postmaster.pid" ]; then
    echo "A server already runs from $dir; stop it first: $0 stop $dir" >&2; exit 1
  fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  chmod 700 "$dir"
  [ -s "$dir/password" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password")
  [ "$(id -u)" = 0 ] && chown postgres: "$dir/password"
  if [ ! -s "$dir/data/PG_VERSION" ]; then
    as_server "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust \
      --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; echo "initdb failed in $dir/data (log above)." >&2; exit 1; }
  fi
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=200 -c fsync=on" start >/dev/null \
    || { tail -20 "$dir/server.log" >&2; echo "PostgreSQL did not start on port $port (log above; is the port taken?)." >&2; exit 1; }
  password=$(cat "$dir/password")
  as_server "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >/dev/null <<EOF
SELECT 'CREATE ROLE memoflow LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'memoflow') \gexec
ALTER ROLE memoflow CREATEDB PASSWORD '$password';
SELECT 'CREATE DATABASE memoflow OWNER memoflow' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'memoflow') \gexec
EOF
  echo "memoflow.store.url=jdbc:postgresql://127.0.0.1:$port/memoflow"
  echo "memoflow.store.user=memoflow"
  echo "memoflow.store.password-file=$dir/password"
  ;;
stop)
  [ $# -ge 2 ] || usage
  dir=$2
  [ -d "$dir/data" ] || { echo "No server folder at $dir (nothing to stop)." >&2; exit 0; }
  if [ -e "$dir/data/postmaster.pid" ]; then
    as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
  fi
  rm -rf "$dir"
  ;;
*) usage ;;
esac
