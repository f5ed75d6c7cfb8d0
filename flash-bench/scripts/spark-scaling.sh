#!/usr/bin/env bash
# How FlashJ on Spark's planning, merging and final concatenation scale with the input and the
# number of chunks: one run per (input, chunks), timings from flashj-spark's own log lines.
#
# usage: flash-bench/scripts/spark-scaling.sh [MASTER]        (default local[2])
#
# Inputs: peer-benchmark.sh's 2M ART pairs, and 20M pairs made by concatenating them ten times,
# under $BENCH_DIR (default /tmp/flashj-bench). Chunks: 8, 64 and 512 for each. Needs mvn package.
set -euo pipefail
master=${1:-local[2]}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=${BENCH_DIR:-/tmp/flashj-bench}
"$root/flash-bench/scripts/peer-benchmark.sh" 2000000 0 >/dev/null
cd "$dir"
for m in 1 2; do
  [ -s "art20M_$m.fq" ] || for _ in 1 2 3 4 5 6 7 8 9 10; do cat "art2000000_$m.fq"; done > "art20M_$m.fq"
done
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores, master $master"
printf "\n| pairs | chunks | planning ms | merge stage ms | concatenation ms | wall s | CPU s |\n|---|---|---|---|---|---|---|\n"
for input in 2000000:art2000000 20000000:art20M; do
  pairs=${input%%:*}; name=${input#*:}
  for chunks in 8 64 512; do
    per=$(( (pairs + chunks - 1) / chunks ))
    rm -rf out-scale; sync
    /usr/bin/time -f "%e %U %S" -o time.txt "$root/bin/flashj-spark" --master "$master" -q -M 150 \
      --spark-conf "spark.flashj.pairsPerChunk=$per" -d out-scale "${name}_1.fq" "${name}_2.fq" 2>run.err
    read -r e u s < time.txt
    plan=$(sed -n 's/.*Planned [0-9]* chunks* in \([0-9]*\) ms.*/\1/p' run.err)
    merge=$(sed -n 's/.*tasks in \([0-9]*\) ms;.*/\1/p' run.err)
    concat=$(sed -n 's/.*parts each in \([0-9]*\) ms.*/\1/p' run.err)
    printf "| %s | %s | %s | %s | %s | %s | %s |\n" "$pairs" "$chunks" "$plan" "$merge" "$concat" "$e" \
      "$(awk -v a="$u" -v b="$s" 'BEGIN{print a + b}')"
  done
done
rm -rf out-scale time.txt run.err
