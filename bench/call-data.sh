#!/usr/bin/env bash
# Mobile data per hour on the household's phone in a call with the worker: without the video cap,
# with it (the default) and on "Alleen geluid", from the phone's own WebRTC transport statistics,
# on loopback with Debian's Chromium and a fake camera. Figures go in docs/performance.md.
#   bench/call-data.sh [seconds per measurement, default 20] [runs per variant, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
echo "machine: $(nproc) cores; $(/usr/bin/chromium --version 2>/dev/null); $(date -u +%F)"
dotnet build bench/Calls -c Release -v quiet -nologo >/dev/null
REPO_ROOT="$(pwd)" BENCH_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')" \
  dotnet bench/Calls/bin/Release/net10.0/CallBench.dll data "${1:-20}" "${2:-3}" 2>&1 | grep -v -e '^warn: Microsoft.AspNetCore.DataProtection' -e 'No XML encryptor'
