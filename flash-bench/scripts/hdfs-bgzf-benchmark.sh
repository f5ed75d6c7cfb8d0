#!/usr/bin/env bash
# Decoding a BGZF file on HDFS as a Spark task does (HadoopInput's positional reads): one mate of
# the 2M-pair set, bgzip-compressed, copied to a MiniDFSCluster (one data node on this machine),
# decoded ROUNDS times in one JVM; prints each round's time and positional reads, and the median.
#
# usage: flash-bench/scripts/hdfs-bgzf-benchmark.sh [ROUNDS]   (default 5)
#
# Uses peer-benchmark.sh's data under $BENCH_DIR (default /tmp/flashj-bench) and makes the BGZF
# copy once. Needs: mvn package (the test classes of flash-spark hold the benchmark's main,
# HdfsBgzfDecode; its classpath, Hadoop's minicluster included, comes from Maven), bgzip.
set -euo pipefail
rounds=${1:-5}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=${BENCH_DIR:-/tmp/flashj-bench}
"$root/flash-bench/scripts/peer-benchmark.sh" 2000000 0
[ -s "$dir/art2000000_1.fq.bgz" ] || bgzip -c "$dir/art2000000_1.fq" > "$dir/art2000000_1.fq.bgz"
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
(cd "$root" && mvn -B -q -o -Dstyle.color=never dependency:build-classpath -pl flash-spark -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath" > /dev/null)
target="$root/flash-spark/target"
java --enable-native-access=ALL-UNNAMED -cp "$target/test-classes:$target/classes:$(cat "$classpath")" \
  io.github.flashj.spark.exec.HdfsBgzfDecode "$dir/art2000000_1.fq.bgz" "$rounds" 2>/dev/null
