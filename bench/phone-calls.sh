#!/usr/bin/env bash
# Phone calls over SIP from the conversation page (issue 22): time from "Bellen" to ringing and from
# the answer to the first sound at the worker (median and p95 over CALLS calls, default 20), then
# Janus's CPU and memory and the worker's line in MB/h with 1, 5 and 10 calls at once, for a G.711
# phone and an Opus one. Janus (SIP plugin), a Kamailio trunk (scripts/sip-test-trunk.sh) and two
# SIPp phones that answer and send back what they hear run in a network namespace this script makes
# (Janus gathers no ICE candidates on loopback). Needs root. Figures go in docs/performance.md.
#   bench/phone-calls.sh [calls] [counts]     e.g. bench/phone-calls.sh 20 1,5,10
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
echo "machine: $(nproc) cores; $(/usr/bin/chromium --version 2>/dev/null); $(janus --version 2>/dev/null | head -1); $(kamailio -v 2>/dev/null | head -1); $(sipp -v 2>/dev/null | grep -o 'SIPp v[^ ]*'); $(date -u +%F)"
dotnet build bench/Calls -c Release -v quiet -nologo >/dev/null
export REPO_ROOT="$(pwd)" CALLS="${1:-20}" COUNTS="${2:-1,5,10}"
exec unshare -n bash -c '
  set -euo pipefail
  ip link set lo up
  ip link add gtv0 type veth peer name gtv1
  ip addr add 10.213.0.1/24 dev gtv0; ip addr add 10.213.0.2/24 dev gtv1
  ip link set gtv0 up; ip link set gtv1 up
  folder=$(mktemp -d /tmp/gesprektool-phone-bench-XXXXXX)
  secret=$(od -An -N16 -tx1 /dev/urandom | tr -d " \n")
  trunk_secret=$(od -An -N12 -tx1 /dev/urandom | tr -d " \n")
  phones=tests/GesprekTool.Tests/PhoneCalls/phones
  bash scripts/janus-config.sh "$folder" 18088 18089 "$secret" gtv0
  bash scripts/sip-test-trunk.sh "$folder/kamailio.cfg" 15060 bench.test gezinswerk "$trunk_secret" "+31612340001=15071" "+31612340006=15072"
  janus -F "$folder" -C "$folder/janus.jcfg" >"$folder/janus.log" 2>&1 &
  janus_pid=$!
  kamailio -f "$folder/kamailio.cfg" -DD -E -n 1 -w "$folder" -Y "$folder" >"$folder/kamailio.log" 2>&1 &
  kamailio_pid=$!
  sipp -sf $phones/answers.xml -i 127.0.0.1 -p 15071 -mp 16000 -rtp_echo -nostdin >/dev/null 2>&1 &
  g711_pid=$!
  sipp -sf $phones/answers-opus.xml -i 127.0.0.1 -p 15072 -mp 16100 -rtp_echo -nostdin >/dev/null 2>&1 &
  opus_pid=$!
  trap "kill $janus_pid $kamailio_pid $g711_pid $opus_pid 2>/dev/null; rm -rf $folder" EXIT
  for i in $(seq 1 100); do
    ss -lunH | grep -q "127.0.0.1:15060 " && ss -ltnH | grep -q "127.0.0.1:18089 " && break
    sleep 0.1
  done
  export JANUS_PID=$janus_pid JANUS_API=http://127.0.0.1:18088/janus JANUS_ADMIN=http://127.0.0.1:18089/admin JANUS_SECRET=$secret
  export TRUNK=sip:127.0.0.1:15060 TRUNK_SECRET=$trunk_secret
  BENCH_PORT=5199 dotnet bench/Calls/bin/Release/net10.0/CallBench.dll phone "$CALLS" "$COUNTS" 2>&1 \
    | grep -v -e "^warn: Microsoft.AspNetCore.DataProtection" -e "No XML encryptor"
'
