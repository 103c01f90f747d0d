#!/usr/bin/env bash
# The live coaching page: time from the chair's click on "Volgende stap" to the new step shown on
# every participant's page, at 4 and 8 participants, on the build before Blazor Server (static pages,
# live-page.js refetching the page after the hub's "changed") and on this build, in one run. The
# previous build is checked out into a temporary git worktree and built there. Figures go in
# docs/performance.md.
#   bench/live-steps.sh [sizes] [rounds]     default 4,8 and 12; BENCH_BASELINE=<commit> (default daaedeb)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-dotnet.sh
sizes="${1:-4,8}" rounds="${2:-12}" baseline="${BENCH_BASELINE:-daaedeb}"
builds=()
if git cat-file -e "$baseline^{commit}" 2>/dev/null; then
  echo "machine: $(nproc) cores; $(/usr/bin/chromium --version 2>/dev/null); baseline $(git log -1 --format='%h %cs' "$baseline"); $(date -u +%F)"
  old=$(mktemp -d /tmp/gesprektool-baseline-XXXXXX)
  trap 'git worktree remove --force "$old" >/dev/null 2>&1 || rm -rf "$old"' EXIT
  git worktree add --detach "$old" "$baseline" >/dev/null 2>&1
  dotnet build "$old/src/GesprekTool.Web" -c Release -v quiet -nologo >/dev/null
  builds+=("refetch=$old/src/GesprekTool.Web/bin/Release/net10.0/GesprekTool.Web.dll")
else
  # A shallow clone has no baseline to compare with: this build alone, and no ratio.
  echo "machine: $(nproc) cores; $(/usr/bin/chromium --version 2>/dev/null); baseline $baseline not in this clone; $(date -u +%F)"
fi
dotnet build src/GesprekTool.Web -c Release -v quiet -nologo >/dev/null
dotnet build bench/Calls -c Release -v quiet -nologo >/dev/null
REPO_ROOT="$(pwd)" dotnet bench/Calls/bin/Release/net10.0/CallBench.dll live-steps "$sizes" "$rounds" \
  "${builds[@]}" "blazor=$(pwd)/src/GesprekTool.Web/bin/Release/net10.0/GesprekTool.Web.dll"
