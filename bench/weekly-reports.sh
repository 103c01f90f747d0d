#!/usr/bin/env bash
# Weekly documents: aggregation and Chromium PDF printing for a JES-sized week (60 conversations,
# 8 schools) and a large city week (10,000 conversations, 200 schools). Figures go in
# docs/performance.md.
#   bench/weekly-reports.sh [weeks, default 60x8,10000x200]
#   BENCH_BASELINE=<commit> first runs the same benchmark on that commit's app code (a temporary
#   git worktree), for a side-by-side table; bc47161^ is the build before printing reused its pages.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
echo "machine: $(nproc) cores; $(/usr/bin/chromium --version 2>/dev/null); $(date -u +%F)"
run() { # folder of the build to measure
  dotnet build "$1/bench/WeeklyReports" -c Release -v quiet -nologo >/dev/null
  REPO_ROOT="$(cd "$1" && pwd)" BENCH_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')" \
    dotnet "$1/bench/WeeklyReports/bin/Release/net10.0/ReportBench.dll" "$weeks" 2>&1 | grep -v -e '^warn: Microsoft.AspNetCore.DataProtection' -e 'No XML encryptor'
}
weeks="${1:-60x8,10000x200}" baseline="${BENCH_BASELINE:-}"
if [ -n "$baseline" ] && git cat-file -e "$baseline^{commit}" 2>/dev/null; then
  old=$(mktemp -d /tmp/gesprektool-baseline-XXXXXX)
  trap 'git worktree remove --force "$old" >/dev/null 2>&1 || rm -rf "$old"' EXIT
  git worktree add --detach "$old" "$baseline" >/dev/null 2>&1
  cp bench/WeeklyReports/Program.cs "$old/bench/WeeklyReports/Program.cs" # the same measurement, the old printing
  echo "== baseline $(git log -1 --format='%h %cs' "$baseline")"
  run "$old"
  echo "== this build $(git log -1 --format='%h %cs')"
fi
run .
