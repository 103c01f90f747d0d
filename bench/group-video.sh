#!/usr/bin/env bash
# Group sessions: N participants in one Janus VideoRoom (the coaching session page) versus a mesh
# of N (the family call page), for N = 4, 8, 12 by default: time until every page decodes everyone,
# each participant's upload and download, Janus's CPU and memory, bytes per second in total.
# Everything runs in a network namespace this script makes (lo and a veth pair on 10.213.0.0/24;
# Janus gathers no ICE candidates on loopback), so no address outside it is used. Needs root.
# Figures go in docs/performance.md.
#   bench/group-video.sh [sizes]     e.g. bench/group-video.sh 4,8
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
echo "machine: $(nproc) cores; $(/usr/bin/chromium --version 2>/dev/null); $(janus --version 2>/dev/null | head -1); $(date -u +%F)"
dotnet build bench/Calls -c Release -v quiet -nologo >/dev/null
export REPO_ROOT="$(pwd)" SIZES="${1:-4,8,12}" JOIN_LIMIT_SECONDS="${JOIN_LIMIT_SECONDS:-90}"
exec unshare -n bash -c '
  set -euo pipefail
  ip link set lo up
  ip link add gtv0 type veth peer name gtv1
  ip addr add 10.213.0.1/24 dev gtv0; ip addr add 10.213.0.2/24 dev gtv1
  ip link set gtv0 up; ip link set gtv1 up
  folder=$(mktemp -d /tmp/gesprektool-janus-XXXXXX)
  secret=$(od -An -N16 -tx1 /dev/urandom | tr -d " \n")
  bash scripts/janus-config.sh "$folder" 18088 18089 "$secret" gtv0
  janus -F "$folder" -C "$folder/janus.jcfg" >"$folder/janus.log" 2>&1 &
  export JANUS_PID=$! JANUS_API=http://127.0.0.1:18088/janus JANUS_ADMIN=http://127.0.0.1:18089/admin JANUS_SECRET=$secret
  trap "kill $JANUS_PID; rm -rf $folder" EXIT
  sleep 1
  BENCH_PORT=5199 dotnet bench/Calls/bin/Release/net10.0/CallBench.dll group "$SIZES" 2>&1 \
    | grep -v -e "^warn: Microsoft.AspNetCore.DataProtection" -e "No XML encryptor"
'
