#!/usr/bin/env bash
# Weekly documents: aggregation and Chromium PDF printing for a JES-sized week (60 conversations,
# 8 schools) and a large city week (10,000 conversations, 200 schools). Figures go in
# docs/performance.md.   bench/weekly-reports.sh [weeks, default 60x8,10000x200]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
echo "machine: $(nproc) cores; $(/usr/bin/chromium --version 2>/dev/null); $(date -u +%F)"
dotnet build bench/WeeklyReports -c Release -v quiet -nologo >/dev/null
REPO_ROOT="$(pwd)" BENCH_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')" \
  dotnet bench/WeeklyReports/bin/Release/net10.0/ReportBench.dll "${1:-60x8,10000x200}" 2>&1 | grep -v -e '^warn: Microsoft.AspNetCore.DataProtection' -e 'No XML encryptor'
