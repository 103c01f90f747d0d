#!/usr/bin/env bash
# Server memory per connected circuit of the live coaching page, with 1, 50 and 200 circuits open
# (one Chromium tab each). Figures go in docs/performance.md.
#   bench/live-memory.sh [counts]     default 1,50,200
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(/usr/bin/chromium --version 2>/dev/null); $(date -u +%F)"
dotnet build bench/Calls -c Release -v quiet -nologo >/dev/null
REPO_ROOT="$(pwd)" BENCH_PORT="${BENCH_PORT:-5198}" dotnet bench/Calls/bin/Release/net10.0/CallBench.dll live-memory "${1:-1,50,200}" 2>&1 \
  | grep -v -e "^warn: Microsoft.AspNetCore.DataProtection" -e "No XML encryptor"
