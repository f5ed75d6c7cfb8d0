#!/usr/bin/env bash
# FlashJ on Spark against the local command and flash -t 1, on the same ART pairs, in one run.
#
# usage: flash-bench/scripts/spark-benchmark.sh [PAIRS] [ROUNDS] [MASTER]   (defaults: 2000000 3 local[2])
#
# Uses peer-benchmark.sh's data (generated once under $BENCH_DIR, default /tmp/flashj-bench). Each
# round runs bin/flashj -t 2, bin/flashj-spark --master MASTER and flash -t 1 in turn (alternated
# rounds), each on a fresh output directory after sync, timed by /usr/bin/time (wall, user+sys
# CPU, peak RSS of the command's process tree's largest member). Prints the medians, the planning
# time and the Spark tasks' CPU per pair from flashj-spark's log, and checks that the two FlashJ
# runs wrote flash's bytes. Needs: mvn package, Debian's flash and time.
set -euo pipefail
pairs=${1:-2000000}
rounds=${2:-3}
master=${3:-local[2]}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=${BENCH_DIR:-/tmp/flashj-bench}
"$root/flash-bench/scripts/peer-benchmark.sh" "$pairs" 0
cd "$dir"
r1="art${pairs}_1.fq"; r2="art${pairs}_2.fq"
# shellcheck source=rounds.sh
. "$root/flash-bench/scripts/rounds.sh"
cpu_line

spark="flashj-spark --master $master"
round_add "flashj -t 2" "$root/bin/flashj -t 2 -M 150 -d out-local $r1 $r2"
round_add "$spark" "$root/bin/flashj-spark --master $master -M 150 -d out-spark $r1 $r2"
round_add "flash -t 1" "flash -t 1 -M 150 -d out-flash $r1 $r2"
rm -f plan.txt task.txt
# The planning time and the tasks' CPU per pair, from each Spark run's log.
round_after() {
  if [ "$1" = "$spark" ]; then
    sed -n 's/.*Planned \([0-9]*\) chunks* in \([0-9]*\) ms.*/\2 \1/p' run.err >> plan.txt
    sed -n 's/.*Merged .* (\([0-9]*\) ns per pair).*/\1/p' run.err >> task.txt
  fi
}
round_run "$rounds"
round_table "flash -t 1"
echo
echo "flashj-spark planning: median $(cut -d' ' -f1 plan.txt | round_median) ms for $(head -n1 plan.txt | cut -d' ' -f2) chunks"
echo "flashj-spark task CPU: median $(round_median < task.txt) ns per pair (read, parse, merge, encode, write)"
rm -rf out-*
"$root/bin/flashj" -q -t 2 -M 150 -d out-local "$r1" "$r2" 2>/dev/null
"$root/bin/flashj-spark" --master "$master" -q -M 150 -d out-spark "$r1" "$r2" 2>/dev/null
flash -q -t 1 -M 150 -d out-flash "$r1" "$r2"
same=yes
for f in out-flash/*; do
  cmp -s "$f" "out-local/$(basename "$f")" || same=no
  cmp -s "$f" "out-spark/$(basename "$f")" || same=no
done
echo "flashj -t 2 and flashj-spark output identical to flash -t 1: $same"
rm -rf out-* plan.txt task.txt
