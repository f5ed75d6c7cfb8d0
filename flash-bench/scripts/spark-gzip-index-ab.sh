#!/usr/bin/env bash
# Plain gzip on Spark, indexed two ways in alternated rounds: automatic (on few cores, one task a
# file, which ISA-L decodes from the known start and whose lines it counts for planning) against
# byte ranges of RANGE_BYTES (tasks decode with the window unknown, then planning decodes again).
#
# usage: flash-bench/scripts/spark-gzip-index-ab.sh [ROUNDS] [RANGE_BYTES] [MASTER]
#        (defaults: 5 47400000 local[2]; 47,400,000 is what local[2] chose for a 2M-pair mate before)
#
# Uses the .gz copies spark-gzip-benchmark.sh makes under $BENCH_DIR (default /tmp/flashj-bench);
# each run on a fresh output directory after sync, timed by /usr/bin/time. Prints each run's wall,
# user and system seconds, then the medians. Needs: mvn package.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rounds=${1:-5}
range_bytes=${2:-47400000}
master=${3:-local[2]}
cd "${BENCH_DIR:-/tmp/flashj-bench}"
[ -f art2000000_2.fq.gz ] || { echo "run flash-bench/scripts/spark-gzip-benchmark.sh first" >&2; exit 1; }
: > spark-gzip-index-ab.txt
for i in $(seq "$rounds"); do
  for k in automatic ranges; do
    extra=()
    [ "$k" = ranges ] && extra=(--spark-conf "spark.flashj.rangeBytes=$range_bytes")
    rm -rf out-ab; sync
    /usr/bin/time -f "$k %e %U %S" -a -o spark-gzip-index-ab.txt "$root/bin/flashj-spark" --master "$master" \
      -M 150 "${extra[@]}" -d out-ab art2000000_1.fq.gz art2000000_2.fq.gz > /dev/null 2> "spark-ab-$k.err"
    grep -h "Planned\|indexed by" "spark-ab-$k.err" | sed "s/^/  $k round $i: /" || true
  done
done
cat spark-gzip-index-ab.txt
echo "input wall_s user_s (medians of $rounds rounds)"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for k in automatic ranges; do
  echo "$k $(awk -v k="$k" '$1 == k { print $2 }' spark-gzip-index-ab.txt | median)" \
    "$(awk -v k="$k" '$1 == k { print $3 }' spark-gzip-index-ab.txt | median)"
done
