#!/usr/bin/env bash
# Every benchmark at a smoke size (seconds, not minutes), so a script that breaks is caught by the
# test run (run-tests.sh calls this) rather than by the next person who measures. A benchmark fails
# here when it exits non-zero or prints no figure line. No time is asserted: the figures of a
# smoke run mean nothing and are only printed.
#   bench/smoke.sh            (BENCH_SMOKE_ONLY=name,name to run some)
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp -d /tmp/gesprektool-bench-smoke-XXXXXX)
trap 'rm -rf "$log"' EXIT
failed=()

# name | command | a line every run of it prints when it measured something
smoke() {
  local name=$1 figure=$2; shift 2
  if [ -n "${BENCH_SMOKE_ONLY:-}" ] && [[ ",$BENCH_SMOKE_ONLY," != *",$name,"* ]]; then return; fi
  local started=$SECONDS
  if "$@" >"$log/$name.out" 2>&1 && grep -Eq "$figure" "$log/$name.out"; then
    echo "bench smoke: $name ok ($((SECONDS - started)) s): $(grep -E "$figure" "$log/$name.out" | head -1 | tr -s ' ' | cut -c1-150)"
  else
    echo "bench smoke: $name FAILED (exit or no figure line matching '$figure'); its output:"
    tail -40 "$log/$name.out" | sed 's/^/    /'
    failed+=("$name")
  fi
}

smoke answer-saves '^Sqlite +1 +[0-9]+ \[' env BENCH_SAVES=40 BENCH_WRITER_COUNTS=1,4 bash bench/answer-saves.sh
smoke weekly-reports '^week of 12 +12 +2 ' bash bench/weekly-reports.sh 12x2
smoke signalling '^peerjs: .*p99 [0-9.]+ ms' env SECONDS_OF_SETUPS=2 bash bench/signalling.sh 10
smoke call-join 'first decoded remote frame: median [0-9]+ ms' bash bench/call-join.sh 2
smoke call-data '^alleen geluid \(app.* median +[0-9]+ MB/h' bash bench/call-data.sh 2 1
smoke live-memory '^ +2 circuits: managed heap' bash bench/live-memory.sh 1,2
smoke live-steps '^blazor +2 participants: click to step shown median' bash bench/live-steps.sh 2 2
smoke scale-out '^ratio two/one instances' env BENCH_WRITERS=2 BENCH_SAVES_PER_WRITER=10 BENCH_IDLE=10 bash bench/scale-out.sh
smoke group-video '^janus n= 2: joined 2/2' env JOIN_LIMIT_SECONDS=60 bash bench/group-video.sh 2
smoke phone-calls '^with an interpreter .*worker.s line [0-9.]+ MB/h' bash bench/phone-calls.sh 2 1
smoke weekly-mail '^ratio job/baseline: [0-9.]+' bash bench/weekly-mail.sh 2x2 1

if [ ${#failed[@]} -gt 0 ]; then
  echo "bench smoke: failed: ${failed[*]}"
  exit 1
fi
