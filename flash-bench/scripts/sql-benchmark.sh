#!/usr/bin/env bash
# flash_merge in Spark SQL (generated code and Java UDF), the flashj-fastq table scan and sink,
# against the file job of FlashSpark, on the same ART pairs in one Spark session: pairs/s/core.
# Then a table's first three count()s, as plain FASTQ and as .gz (gzip -6): the first plans the
# scan, the next reuse its plan (SqlRepeatedActions); each input in a session of its own, twice,
# alternated.
#
# usage: flash-bench/scripts/sql-benchmark.sh [PAIRS] [ROUNDS] [MASTER]   (defaults: 500000 3 local[2])
#
# Uses peer-benchmark.sh's data (generated once under $BENCH_DIR, default /tmp/flashj-bench).
# Needs: mvn package (the test classes of flash-spark hold the benchmark's main, SqlThroughput).
set -euo pipefail
pairs=${1:-500000}
rounds=${2:-3}
master=${3:-local[2]}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=${BENCH_DIR:-/tmp/flashj-bench}
"$root/flash-bench/scripts/peer-benchmark.sh" "$pairs" 0
target="$root/flash-spark/target"
jar="$(ls "$target"/flash-spark-*.jar | grep -v -e sources -e javadoc -e tests | head -n 1)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores;" \
  "vector: $(grep -o -m1 -w 'avx512f\|avx2' /proc/cpuinfo | sort -u | tail -n1)"
work="$dir/sql-work"
rm -rf "$work"; mkdir -p "$work"; sync
java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC ${JAVA_OPTS:-} \
  -cp "$target/test-classes:$jar:$target/lib/*:$(cat "$target/spark-classpath.txt")" \
  io.github.flashj.spark.SqlThroughput "$dir/art${pairs}_1.fq" "$dir/art${pairs}_2.fq" "$master" "$rounds" "$work" \
  2> "$work/stderr.log"
r1="$dir/art${pairs}_1.fq"; r2="$dir/art${pairs}_2.fq"
for f in "$r1" "$r2"; do
  [ -s "$f.gz" ] || gzip -6 -k -c "$f" > "$f.gz"
done
echo
echo "| input | 1st count() s | 2nd | 3rd |"
echo "|---|---|---|---|"
for round in 1 2; do
  for input in "$r1 $r2" "$r1.gz $r2.gz"; do
    sync
    # shellcheck disable=SC2086
    java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC ${JAVA_OPTS:-} \
      -cp "$target/test-classes:$jar:$target/lib/*:$(cat "$target/spark-classpath.txt")" \
      io.github.flashj.spark.SqlRepeatedActions "$master" 3 $input 2>> "$work/stderr.log"
  done
done
rm -rf "$work"
