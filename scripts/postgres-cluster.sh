#!/usr/bin/env bash
# Starts (or stops) a throw-away Postgres cluster on loopback for the test suite.
#   scripts/postgres-cluster.sh start DIR PORT   -> prints the DATABASE_URL
#   scripts/postgres-cluster.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "postgresql is not installed (apt-get install -y postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    port=${3:-5433}
    mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
    [ -f "$dir/data/PG_VERSION" ] || as_pg "$bindir/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" -w start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
esac
