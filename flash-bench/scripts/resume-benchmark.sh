#!/usr/bin/env bash
# Resuming a run killed at 90%: bin/flashj -t 2 on the 2M-pair set is killed with SIGKILL when its
# log says "Processed 1800000 read pairs", then run again with --resume; prints when the kill came,
# when the "Resumed at pair N" line came and how long the resumed run took, for ROUNDS rounds, then
# how long a full run takes for comparison.
#
# usage: flash-bench/scripts/resume-benchmark.sh [ROUNDS]   (default 3)
#
# Uses peer-benchmark.sh's data under $BENCH_DIR (default /tmp/flashj-bench). Needs: mvn package.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rounds=${1:-3}
bench=${BENCH_DIR:-/tmp/flashj-bench}
inputs=("$bench/art2000000_1.fq" "$bench/art2000000_2.fq")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for r in $(seq 1 "$rounds"); do
  rm -rf "$out/k90"; sync
  t0=$EPOCHREALTIME
  "$root/bin/flashj" -t 2 -d "$out/k90" "${inputs[@]}" > "$out/k90.log" 2>&1 &
  pid=$!
  until grep -q "Processed 1800000 read pairs" "$out/k90.log"; do sleep 0.005; done
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  echo "round $r: killed after $(echo "$EPOCHREALTIME - $t0" | bc) s"
  t0=$EPOCHREALTIME
  "$root/bin/flashj" -t 2 -d "$out/k90" --resume "${inputs[@]}" 2>&1 | while IFS= read -r line; do
    case "$line" in *Resumed*|*complete!*) echo "round $r: +$(echo "$EPOCHREALTIME - $t0" | bc) s $line" ;; esac
  done
done
rm -rf "$out/full"; sync
t0=$EPOCHREALTIME
"$root/bin/flashj" -t 2 -d "$out/full" "${inputs[@]}" > /dev/null 2>&1
echo "full run: $(echo "$EPOCHREALTIME - $t0" | bc) s"
