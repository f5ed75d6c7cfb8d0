#!/usr/bin/env bash
# FlashJ on Spark over the same 2M pairs as plain FASTQ, plain gzip and BGZF, in one run.
#
# usage: flash-bench/scripts/spark-gzip-benchmark.sh [ROUNDS] [MASTER]   (defaults: 3 local[2])
#
# Uses peer-benchmark.sh's 2M-pair data under $BENCH_DIR (default /tmp/flashj-bench) and makes the
# .gz (pigz -6) and BGZF (bgzip) copies once. Each round runs bin/flashj-spark on the three in turn
# (alternated rounds, rounds.sh), each on a fresh output directory after sync, timed by
# /usr/bin/time, and keeps each run's notes on how its inputs were split. Prints the medians of wall
# time, CPU and peak RSS and the ratios to plain input taken round by round, and checks that every
# output equals the plain run's. Then one untimed run of each input
# under a sampler that records the peak work directory size (DIR/.flashj-UUID) every 0.1 s, in all
# and apart from the output's parts: what is left is what the run keeps of its inputs (gzip indexes
# and their side files; decoded copies, were there any). The sampler is kept out of the timed runs,
# which it would slow.
# Needs: mvn package, pigz, bgzip.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rounds=${1:-3}
master=${2:-local[2]}
cd "${BENCH_DIR:-/tmp/flashj-bench}"
for m in 1 2; do
  [ -f art2000000_$m.fq ] || { echo "run flash-bench/scripts/peer-benchmark.sh 2000000 0 first" >&2; exit 1; }
  [ -f art2000000_$m.fq.gz ] || pigz -6 -k -c art2000000_$m.fq > art2000000_$m.fq.gz
  [ -f art2000000_$m.fq.bgz ] || bgzip -c art2000000_$m.fq > art2000000_$m.fq.bgz
done
# shellcheck source=rounds.sh
. "$root/flash-bench/scripts/rounds.sh"
cpu_line
: > spark-gzip-work.txt
# Peak bytes of the work directory OUT/.flashj-UUID (not the output files staged beside it, also
# named .flashj-*) while the pid $2 lives: "all apart-from-parts".
sample_work() {
  local out=$1 pid=$2 all=0 inputs=0 a b
  while kill -0 "$pid" 2>/dev/null; do
    a=$(find "$out" -maxdepth 1 -type d -name '.flashj-*' -exec du -sb {} + 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
    b=$(find "$out" -maxdepth 1 -type d -name '.flashj-*' -exec du -sb --exclude=parts {} + 2>/dev/null \
      | awk '{ s += $1 } END { print s + 0 }')
    [ "$a" -gt "$all" ] && all=$a
    [ "$b" -gt "$inputs" ] && inputs=$b
    sleep 0.1
  done
  echo "$all $inputs"
}
# The inputs of each kind of run.
inputs() {
  case $1 in
    plain) echo art2000000_1.fq art2000000_2.fq ;;
    gz) echo art2000000_1.fq.gz art2000000_2.fq.gz ;;
    bgzf) echo art2000000_1.fq.bgz art2000000_2.fq.bgz ;;
  esac
}
for k in plain gz bgzf; do
  round_add "$k" "$root/bin/flashj-spark --master $master -M 150 -d out-$k $(inputs $k)"
done
# Each run's notes on how its inputs were split; each output against the first plain run's, kept.
round_after() {
  grep -h "is gzip\|is BGZF\|Planned\|Merged" run.err | sed "s/^/  $1: /" || true
  if [ "$1" = plain ]; then
    [ -d out-plain-kept ] || cp -r out-plain out-plain-kept
  else
    for f in out-plain-kept/*; do cmp -s "$f" "out-$1/$(basename "$f")" || { echo "out-$1 differs at $f" >&2; exit 1; }; done
  fi
}
ROUND_KEEP=out-plain-kept round_run "$rounds"
round_table plain
rm -rf out-*
# One untimed run of each under the sampler.
for k in plain gz bgzf; do
  "$root/bin/flashj-spark" --master "$master" -M 150 -d "out-$k" $(inputs $k) > "spark-$k.out" 2> "spark-$k.err" &
  pid=$!
  peak=$(sample_work "out-$k" "$pid")
  wait "$pid"
  echo "$k $peak" >> spark-gzip-work.txt
  rm -rf "out-$k"
done
decoded=$(( $(stat -c %s art2000000_1.fq) + $(stat -c %s art2000000_2.fq) ))
echo "input peak_work_dir_mb peak_apart_from_parts_mb apart_from_parts_%_of_decoded (one sampled run; decoded input $((decoded / 1000000)) MB)"
for k in plain gz bgzf; do
  awk -v k=$k -v d=$decoded 'BEGIN { n = 0 } $1 == k { a[n] = $2; b[n] = $3; n++ }
    function med(x,   i, j, t) { for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
      return x[int(n / 2)] }
    END { printf "%s %.1f %.1f %.2f\n", k, med(a) / 1e6, med(b) / 1e6, 100 * med(b) / d }' spark-gzip-work.txt
done
