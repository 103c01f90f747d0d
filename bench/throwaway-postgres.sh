# Sourced by the benchmarks: a throwaway PostgreSQL cluster on 127.0.0.1 (default durability, fsync
# on, as in production), stopped and removed when the script exits. Sets $pg_port, $pg_bin and
# $pg_admin (a connection string for the postgres user). Optional: PG_MAX_CONNECTIONS (200).
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_bin=$bin
pg_folder=$(mktemp -d /tmp/gesprektool-bench-pg-XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_folder"
as_pg "$pg_bin/initdb" -D "$pg_folder/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_folder/data" -l "$pg_folder/server.log" -w start \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_folder -c max_connections=${PG_MAX_CONNECTIONS:-200}" >/dev/null
trap 'as_pg "$pg_bin/pg_ctl" -D "$pg_folder/data" -m fast -w stop >/dev/null; rm -rf "$pg_folder"' EXIT
pg_admin="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
