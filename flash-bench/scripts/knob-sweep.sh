#!/usr/bin/env bash
# Times FlashJ over batch sizes and in-flight batch counts on the peer benchmark's ART pairs, to
# choose the defaults. Run flash-bench/scripts/peer-benchmark.sh PAIRS first (it makes the data).
#
# usage: flash-bench/scripts/knob-sweep.sh [PAIRS] [REPEATS] [THREADS]   (defaults: 2000000 3 2)
set -euo pipefail
pairs=${1:-2000000}
repeats=${2:-3}
threads=${3:-2}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=${BENCH_DIR:-/tmp/flashj-bench}
cd "$dir"
r1="art${pairs}_1.fq"; r2="art${pairs}_2.fq"
[ -s "$r1" ] || { echo "no $dir/$r1: run peer-benchmark.sh $pairs first" >&2; exit 1; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf "| batch size | in flight | wall s (median of %d) | peak RSS MB |\n|---|---|---|---|\n" "$repeats"
for batch in 512 1024 2048 4096; do
  for inflight in 4 8 16; do
    rm -f walls rss
    rm -rf out-sweep; sync
    for ((k = 0; k < repeats; k++)); do
      /usr/bin/time -f "%e %M" -o time.txt "$root/bin/flashj" -q -t "$threads" -M 150 --batch-size "$batch" \
        --in-flight "$inflight" -d out-sweep "$r1" "$r2" 2>/dev/null
      read -r e m < time.txt
      echo "$e" >> walls; echo "$m" >> rss
    done
    printf "| %d | %d | %s | %d |\n" "$batch" "$inflight" "$(median < walls)" $(( $(median < rss | cut -d. -f1) / 1024 ))
  done
done
