#!/usr/bin/env bash
# Starts GesprekTool on http://localhost:5000 with an embedded SQLite database (data/ under the
# web project) and fictional demo data on first start. Needs the .NET 10 SDK; installs Node.js
# and npm with apt when missing (the build restores the SignalR browser client from npm).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-dotnet.sh
source scripts/ensure-node.sh
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet run --project src/GesprekTool.Web -c Release --no-launch-profile --urls "${GESPREKTOOL_URLS:-http://localhost:5000}"
