#!/usr/bin/env bash
# Signalling: idle connections held and memory per connection, and offer/answer relay latency at
# 500 call setups a minute, for our SignalR hub and, side by side, for PeerJS server (npm peer),
# both on 127.0.0.1 and driven by the same Node client. Figures go in docs/performance.md.
#   bench/signalling.sh [pairs]     (default 5000 pairs = 10,000 connections per server)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
pairs="${1:-5000}"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
(cd bench/signalling && { [ -d node_modules/peer ] || npm ci --no-audit --no-fund >/dev/null; })
dotnet build bench/Calls -c Release -v quiet -nologo >/dev/null
work=$(mktemp -d /tmp/gesprektool-signalling-XXXXXX)
trap 'exec 3>&- 2>/dev/null; kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; node $(node --version); $(date -u +%F); $pairs pairs"

# Our hub: the app in its own process, seeded with one call per pair (two admitted guests each).
mkfifo "$work/stdin"
port=$(free_port)
REPO_ROOT="$(pwd)" BENCH_PORT="$port" dotnet bench/Calls/bin/Release/net10.0/CallBench.dll host "$pairs" "$work/tokens" \
  < "$work/stdin" > "$work/host.log" 2>&1 &
exec 3> "$work/stdin"
until grep -q '^ready' "$work/host.log"; do sleep 0.5; done
pid=$(sed -n 's/^ready pid=\([0-9]*\).*/\1/p' "$work/host.log")
node bench/signalling/bench.mjs signalr "http://127.0.0.1:$port" "$work/tokens" "$pid"
exec 3>&-
wait %1 || true
grep '^host:' "$work/host.log" || true
# What else the app logged meanwhile (warnings and errors by kind), for the profile in the docs.
grep -E '^(warn|fail|crit):' "$work/host.log" | sort | uniq -c | sort -rn | head -5 | sed 's/^/host log: /' || true

# PeerJS server, same client, same numbers.
port=$(free_port)
node bench/signalling/peer-server.cjs "$port" > "$work/peer.log" 2>&1 &
until grep -q '^ready' "$work/peer.log"; do sleep 0.2; done
pid=$(sed -n 's/^ready pid=\([0-9]*\).*/\1/p' "$work/peer.log")
node bench/signalling/bench.mjs peerjs "$port" "$pairs" "$pid"
