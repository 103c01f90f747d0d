#!/usr/bin/env bash
# Runs every test: unit, component, integration (SQLite and a throwaway PostgreSQL cluster on
# 127.0.0.1) and browser tests (Debian's Chromium with a fake camera and microphone), then every
# benchmark at a smoke size (bench/smoke.sh).
# First installs what the tests need when it is missing (Debian packages; the build restores NuGet
# and npm packages).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-dotnet.sh

needed=()
[ -x /usr/bin/chromium ] || needed+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || needed+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || needed+=(poppler-utils)
command -v turnserver >/dev/null 2>&1 || needed+=(coturn)
[ -x /usr/bin/janus ] || needed+=(janus)
[ -x /usr/sbin/nginx ] || needed+=(nginx)
# A SIP trunk (Kamailio) and the household's phone (SIPp) for the phone-call tests.
[ -x /usr/sbin/kamailio ] || needed+=(kamailio)
command -v sipp >/dev/null 2>&1 || needed+=(sip-tester)
# A mail relay (aiosmtpd) for the mail tests.
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || needed+=(python3-aiosmtpd)
# ip and tc: the group-video tests make their own network namespace, one with a thin line.
command -v tc >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 || needed+=(iproute2)
command -v openssl >/dev/null 2>&1 || needed+=(openssl)
command -v npm >/dev/null 2>&1 || needed+=(nodejs npm)
# Java for the W3C Nu HTML validator (npm vnu-jar), which checks every page the browser tests visit.
command -v java >/dev/null 2>&1 || needed+=(default-jre-headless)
fc-list 2>/dev/null | grep -qi dejavu || needed+=(fonts-dejavu-core)
# Tigrinya's Ge'ez script: without a font the household page's screenshots show empty boxes.
fc-list :lang=ti 2>/dev/null | grep -q . || needed+=(fonts-sil-abyssinica)
if [ ${#needed[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${needed[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
  # The Debian packages start a cluster, a TURN server, Janus, nginx and Kamailio of their own; the tests start their own.
  $sudo systemctl disable --now postgresql coturn janus nginx kamailio >/dev/null 2>&1 || true
fi

dotnet test GesprekTool.sln -c Release "$@"
# Every benchmark once at a smoke size, so a broken one is caught here (no time is asserted).
# Skipped when the tests were narrowed with arguments (e.g. --filter).
if [ $# -eq 0 ]; then bench/smoke.sh; fi
