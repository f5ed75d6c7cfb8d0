#!/usr/bin/env bash
# What the checkpoint journal costs: bin/flashj's run on the 2M-pair set with checkpoints every
# second (the default) against none, alternated rounds, each on a fresh output directory after
# sync. Prints each run's wall time and the time of a sync right after it (the writeback a run
# without checkpoints leaves to the kernel), then the medians of both.
#
# usage: flash-bench/scripts/journal-benchmark.sh [ROUNDS]   (default 5)
#
# Uses peer-benchmark.sh's data under $BENCH_DIR (default /tmp/flashj-bench). Runs the command
# through flash-cli's test class CheckpointingCommand, which sets the interval (0: none) as the
# library's FlashJob.Builder.checkpointInterval does. Needs: mvn package (tests compiled).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rounds=${1:-5}
bench=${BENCH_DIR:-/tmp/flashj-bench}
jar=$(ls "$root"/flash-cli/target/flash-cli-*.jar | grep -v -e sources -e javadoc -e tests | head -n 1)
cp="$jar:$root/flash-cli/target/lib/*:$root/flash-cli/target/test-classes"
opts=(--add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:-UseOnStackReplacement)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
: > "$out/times"
for r in $(seq 1 "$rounds"); do
  for ms in 0 1000; do
    rm -rf "$out/run-$ms"; sync
    s0=$EPOCHREALTIME
    java "${opts[@]}" -cp "$cp" io.github.flashj.cli.CheckpointingCommand $ms -t 2 -d "$out/run-$ms" \
      "$bench/art2000000_1.fq" "$bench/art2000000_2.fq" > /dev/null 2>&1
    s1=$EPOCHREALTIME; sync; s2=$EPOCHREALTIME
    echo "$ms $(echo "$s1 - $s0" | bc) $(echo "$s2 - $s0" | bc)" | tee -a "$out/times"
  done
done
echo "interval_ms run_s run_and_sync_s (medians)"
for ms in 0 1000; do
  awk -v m=$ms '$1 == m { print $2 }' "$out/times" | sort -n | awk '{ a[NR] = $1 } END { printf "%s ", a[int((NR + 1) / 2)] }'
  awk -v m=$ms '$1 == m { print $3 }' "$out/times" | sort -n | awk -v m=$ms '{ a[NR] = $1 } END { print "run with sync " a[int((NR + 1) / 2)] " (interval " m " ms)" }'
done
