#!/usr/bin/env bash
# Starts GesprekTool on http://localhost:5000 with an embedded SQLite database (data/ under the
# web project) and fictional demo data on first start. Needs the .NET 10 SDK; installs Node.js
# and npm with apt when missing (the build restores the browser scripts from npm), and Janus, the
# video server for coaching sessions, which it starts beside the app.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-dotnet.sh
source scripts/ensure-node.sh
source scripts/start-janus.sh
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet run --project src/GesprekTool.Web -c Release --no-launch-profile --urls "${GESPREKTOOL_URLS:-http://localhost:5000}"
