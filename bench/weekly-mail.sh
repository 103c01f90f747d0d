#!/usr/bin/env bash
# Weekly mail: a large city's week (200 schools x 2 care coordinators, the municipality and the
# newsletter: 402 messages, each with its PDF) sent by the app's job through a local relay
# (aiosmtpd with STARTTLS and AUTH, the tests' tests/GesprekTool.Tests/Mail/smtp_server.py), against
# MailKit alone in the same process. Figures go in docs/performance.md.
#   bench/weekly-mail.sh [SCHOOLSxRECIPIENTS, default 200x2] [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
size="${1:-200x2}" runs="${2:-3}"
work=$(mktemp -d /tmp/gesprektool-bench-mail-XXXXXX)
relay=""
trap '[ -n "$relay" ] && kill "$relay" 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 2>/dev/null
mkdir -p "$work/received"
smtp_port=$(free_port) password=$(openssl rand -hex 12)
/usr/bin/python3 tests/GesprekTool.Tests/Mail/smtp_server.py "$smtp_port" "$work/received" "$work/cert.pem" "$work/key.pem" gesprektool "$password" \
  >"$work/relay.log" 2>&1 &
relay=$!
for _ in $(seq 1 100); do grep -q listening "$work/relay.log" && break; sleep 0.1; done
grep -q listening "$work/relay.log" || { echo "the relay did not start:"; cat "$work/relay.log"; exit 1; }
sha256=$(openssl x509 -in "$work/cert.pem" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d :)
dotnet build bench/WeeklyReports -c Release -v quiet -nologo >/dev/null
BENCH_SMTP_PORT=$smtp_port BENCH_SMTP_PASSWORD=$password BENCH_SMTP_SHA256=$sha256 REPO_ROOT="$(pwd)" BENCH_PORT="$(free_port)" \
  dotnet bench/WeeklyReports/bin/Release/net10.0/ReportBench.dll mail "$size" "$runs" 2>&1 \
  | grep -v -e '^warn: Microsoft.AspNetCore.DataProtection' -e 'No XML encryptor'
echo "relay received: $(find "$work/received" -name '*.eml' | wc -l) messages"
