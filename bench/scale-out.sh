#!/usr/bin/env bash
# Scale-out benchmark: answer saves per second and p99 through nginx (TLS) to one and then two app
# instances on one PostgreSQL (same run, ratio two/one), and idle hub connections held over two
# instances with their memory. Starts a throwaway PostgreSQL cluster on 127.0.0.1 (fsync on, as in
# production), the app instances and nginx with the repository's deploy/nginx files; removes all.
# Figures go in docs/performance.md.
#   bench/scale-out.sh   (BENCH_WRITERS=32, BENCH_SAVES_PER_WRITER=100, BENCH_IDLE=1000)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
PG_MAX_CONNECTIONS=400 source bench/throwaway-postgres.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'); $(/usr/sbin/nginx -v 2>&1 | cut -d' ' -f3); $(date -u +%F)"
dotnet build bench/ScaleOut -c Release -v quiet -nologo >/dev/null
BENCH_POSTGRES="$pg_admin" \
  dotnet bench/ScaleOut/bin/Release/net10.0/ScaleOutBench.dll
