#!/usr/bin/env bash
# Answer-save benchmark on SQLite and on a throwaway PostgreSQL cluster (127.0.0.1, default
# durability: fsync on), then removes the cluster. Prints a table; see docs/performance.md.
#   bench/answer-saves.sh            (BENCH_SAVES=3000 saves per run by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
folder=$(mktemp -d /tmp/gesprektool-bench-pg-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$folder"
as_pg "$bin/initdb" -D "$folder/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_pg "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w start \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $folder -c max_connections=200" >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null; rm -rf "$folder"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL $("$bin/postgres" --version | awk '{print $3}'); $(date -u +%F)"
BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" \
  dotnet run --project bench/AnswerSaves -c Release -- "$(pwd)/questionnaires"
