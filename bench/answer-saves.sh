#!/usr/bin/env bash
# Answer-save benchmark on SQLite and on a throwaway PostgreSQL cluster (127.0.0.1, default
# durability: fsync on), then removes the cluster. Prints a table; see docs/performance.md.
#   bench/answer-saves.sh     BENCH_SAVES=3000 saves per run, BENCH_WRITER_COUNTS=1,16,64 by default;
#                             BENCH_BASELINE=<commit> first runs the same benchmark on that commit's
#                             app code (a temporary git worktree), for a side-by-side table.
#                             PostgreSQL gets each build's own pool size (BENCH_PG_POOL overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
source bench/throwaway-postgres.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'); $(date -u +%F)"
baseline="${BENCH_BASELINE:-}"
if [ -n "$baseline" ] && git cat-file -e "$baseline^{commit}" 2>/dev/null; then
  old=$(mktemp -d /tmp/gesprektool-baseline-XXXXXX)
  trap 'git worktree remove --force "$old" >/dev/null 2>&1 || rm -rf "$old"; as_pg "$pg_bin/pg_ctl" -D "$pg_folder/data" -m fast -w stop >/dev/null; rm -rf "$pg_folder"' EXIT
  git worktree add --detach "$old" "$baseline" >/dev/null 2>&1
  cp bench/AnswerSaves/Program.cs "$old/bench/AnswerSaves/Program.cs" # the same measurement, the old save path
  echo "== baseline $(git log -1 --format='%h %cs' "$baseline")"
  BENCH_PG_POOL="${BENCH_PG_POOL:-$(grep -oP 'PostgresPoolSize = \K[0-9]+' "$old/src/GesprekTool.Web/Data/Database.cs" || echo 100)}" \
    BENCH_POSTGRES="$pg_admin" dotnet run --project "$old/bench/AnswerSaves" -c Release -- "$(pwd)/questionnaires"
  echo "== this build $(git log -1 --format='%h %cs')"
fi
BENCH_PG_POOL="${BENCH_PG_POOL:-$(grep -oP 'PostgresPoolSize = \K[0-9]+' src/GesprekTool.Web/Data/Database.cs)}" \
  BENCH_POSTGRES="$pg_admin" dotnet run --project bench/AnswerSaves -c Release -- "$(pwd)/questionnaires"
