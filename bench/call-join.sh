#!/usr/bin/env bash
# Household join: page weight until the camera preview plays, and time from opening the join link
# to the first decoded frame of the worker's video, over N runs (default 20) on loopback, with
# Debian's Chromium and a fake camera. Figures go in docs/performance.md.
#   bench/call-join.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
echo "machine: $(nproc) cores; $(/usr/bin/chromium --version 2>/dev/null); $(date -u +%F)"
dotnet build bench/Calls -c Release -v quiet -nologo >/dev/null
REPO_ROOT="$(pwd)" BENCH_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')" \
  dotnet bench/Calls/bin/Release/net10.0/CallBench.dll join "${1:-20}" 2>&1 | grep -v -e '^warn: Microsoft.AspNetCore.DataProtection' -e 'No XML encryptor'
