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
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores;" \
  "vector: $(grep -o -m1 -w 'avx512f\|avx2' /proc/cpuinfo | sort -u | tail -n1)"

names=("flashj -t 2" "flashj-spark --master $master" "flash -t 1")
cmds=("$root/bin/flashj -t 2 -M 150 -d out-local $r1 $r2"
      "$root/bin/flashj-spark --master $master -M 150 -d out-spark $r1 $r2"
      "flash -t 1 -M 150 -d out-flash $r1 $r2")
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rm -f w* c* m* plan.txt task.txt
for ((k = 0; k < rounds; k++)); do
  for i in "${!names[@]}"; do
    rm -rf out-*; sync
    /usr/bin/time -f "%e %U %S %M" -o time.txt bash -c "${cmds[$i]}" >run.out 2>run.err || { echo "FAILED: ${names[$i]}"; tail run.err; exit 1; }
    read -r e u s m < time.txt
    echo "$e" >> "w$i"; echo "$u $s" | awk '{print $1 + $2}' >> "c$i"; echo "$m" >> "m$i"
    if [ "$i" -eq 1 ]; then
      sed -n 's/.*Planned \([0-9]*\) chunks* in \([0-9]*\) ms.*/\2 \1/p' run.err >> plan.txt
      sed -n 's/.*Merged .* (\([0-9]*\) ns per pair).*/\1/p' run.err >> task.txt
    fi
  done
done
printf "\n| command | wall s | CPU s | peak RSS MB | wall / flash -t 1 |\n|---|---|---|---|---|\n"
ref=$(median < w2)
for i in "${!names[@]}"; do
  w=$(median < "w$i"); c=$(median < "c$i"); m=$(median < "m$i")
  printf "| %s | %s | %s | %d | %.2f |\n" "${names[$i]}" "$w" "$c" $((m / 1024)) "$(awk -v a="$w" -v b="$ref" 'BEGIN{print a/b}')"
done
echo
echo "flashj-spark planning: median $(cut -d' ' -f1 plan.txt | median) ms for $(head -n1 plan.txt | cut -d' ' -f2) chunks"
echo "flashj-spark task CPU: median $(median < task.txt) ns per pair (read, parse, merge, encode, write)"
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
rm -rf out-* w* c* m* plan.txt task.txt run.out run.err time.txt
