#!/usr/bin/env bash
# Answer-save benchmark on SQLite and on a throwaway PostgreSQL cluster (127.0.0.1, default
# durability: fsync on), then removes the cluster. Prints a table; see docs/performance.md.
#   bench/answer-saves.sh            (BENCH_SAVES=3000 saves per run, BENCH_WRITER_COUNTS=1,16,64 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
source bench/throwaway-postgres.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'); $(date -u +%F)"
BENCH_POSTGRES="$pg_admin" \
  dotnet run --project bench/AnswerSaves -c Release -- "$(pwd)/questionnaires"
