#!/usr/bin/env bash
# Compressed FASTQ benchmark, in one run on the same files:
#   1. decoding throughput of one .fq.gz: FlashJ's native decoders (ISA-L sequential, rapidgzip
#      with 1 and 2 threads) and its java.util.zip fallback, and indexing it as a Spark task does
#      (whole from its start, its lines counted, by ISA-L or in Java; 4 ranges from their first
#      blocks with the window unknown, on 2 threads), beside igzip, pigz -p 2 and gzip -d;
#   2. merging .gz input: FlashJ -t 2 on plain and on .gz input, flash -t 2 on .gz input;
#   3. writing -z: FlashJ -z -t 2 and flash -z -t 2 on plain input;
#   4. --producers 1 and 2 on .gz (index built in the run, and reused) and on BGZF (bgzip).
# Checks that the merged output of every FlashJ run equals flash's (decompressed for -z).
#
# usage: flash-bench/scripts/gzip-benchmark.sh [PAIRS] [REPEATS] [SECTIONS]
#        (defaults: 2000000 3 "1 2 3 4"; SECTIONS picks the sections to run, such as "2")
#
# Uses the ART pairs of peer-benchmark.sh (generated there first if missing) under $BENCH_DIR
# (default /tmp/flashj-bench) and compresses them with gzip -6. Each section runs its commands in
# REPEATS alternated rounds (rounds.sh) and prints the medians of wall time, CPU and peak RSS, and
# the ratios the targets are stated in, taken round by round.
# Needs: mvn package (bin/flashj, flash-bench/target/benchmarks.jar); Debian's flash, pigz, isal, time
# (scripts/install-deps.sh --bench installs them).
set -euo pipefail
pairs=${1:-2000000}
repeats=${2:-3}
sections=" ${3:-1 2 3 4} "
want() { [[ $sections == *" $1 "* ]]; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=${BENCH_DIR:-/tmp/flashj-bench}
r1="$dir/art${pairs}_1.fq"; r2="$dir/art${pairs}_2.fq"
if [ ! -s "$r1" ]; then
  BENCH_DIR=$dir "$root/flash-bench/scripts/peer-benchmark.sh" "$pairs" 0 >/dev/null
fi
cd "$dir"
for f in "$r1" "$r2"; do
  [ -s "$f.gz" ] || gzip -6 -k -c "$f" > "$f.gz"
done
flashj="$root/bin/flashj"
jar="$root/flash-bench/target/benchmarks.jar"
echo "input: $pairs pairs of 2x150; $(du -h "$r1" | cut -f1) per mate, $(du -h "$r1.gz" | cut -f1) as .gz (gzip -6)"

# shellcheck source=rounds.sh
. "$root/flash-bench/scripts/rounds.sh"
cpu_line

if want 1; then
echo "== 1. decoding $r1.gz ($(du -h "$r1" | cut -f1) decompressed)"
mb=$(awk -v b="$(stat -c %s "$r1")" 'BEGIN {print b / 1e6}')
round_reset
round_add "flashj ISA-L, sequential" "java -cp $jar io.github.flashj.bench.GzipDecodeThroughput $r1.gz 1"
round_add "flashj rapidgzip, 1 thread" "java -cp $jar io.github.flashj.bench.GzipDecodeThroughput $r1.gz 1 seekable"
round_add "flashj rapidgzip, 2 threads" "java -cp $jar io.github.flashj.bench.GzipDecodeThroughput $r1.gz 2"
round_add "flashj java.util.zip" "java -Dflashj.gzip.native=false -cp $jar io.github.flashj.bench.GzipDecodeThroughput $r1.gz 1"
round_add "flashj index, whole, ISA-L" "java -cp $jar io.github.flashj.bench.GzipIndexThroughput $r1.gz whole"
round_add "flashj index, whole, Java" "java -Dflashj.gzip.native=false -cp $jar io.github.flashj.bench.GzipIndexThroughput $r1.gz whole"
round_add "flashj index, 4 ranges, 2 threads" "java -cp $jar io.github.flashj.bench.GzipIndexThroughput $r1.gz ranges 4 2"
command -v igzip >/dev/null && round_add "igzip -d" "igzip -d -c $r1.gz > /dev/null"
command -v pigz >/dev/null && round_add "pigz -d -p 2" "pigz -d -p 2 -c $r1.gz > /dev/null"
round_add "gzip -d" "gzip -d -c $r1.gz > /dev/null"
round_run "$repeats"
round_table
for name in "${round_names[@]}"; do
  awk -v n="$name" -v mb="$mb" -v w="$(round_wall "$name")" 'BEGIN {printf "  %-34s %6.0f MB/s\n", n, mb / w}'
done
fi

if want 2; then
echo "== 2. merging .gz input"
round_reset
round_add "flashj -t 2 plain" "$flashj -t 2 -M 150 -d out-plain $r1 $r2"
round_add "flashj -t 2 .gz" "$flashj -t 2 -M 150 -d out-gz $r1.gz $r2.gz"
round_add "flash -t 2 .gz" "flash -q -t 2 -M 150 -d out-flash $r1.gz $r2.gz"
round_run "$repeats"
round_table "flashj -t 2 plain" "flash -t 2 .gz"
rm -rf out-*
"$flashj" -t 2 -M 150 -d out-gz "$r1.gz" "$r2.gz" >/dev/null 2>&1; flash -q -t 1 -M 150 -d out-flash "$r1.gz" "$r2.gz" >/dev/null
for f in out.extendedFrags.fastq out.notCombined_1.fastq out.notCombined_2.fastq out.hist out.histogram; do
  cmp -s "out-gz/$f" "out-flash/$f" || { echo "DIFFERENT: $f"; exit 1; }
done
echo "  .gz / plain, per round (issue 19's target <= 1.15): $(round_ratio "flashj -t 2 .gz" "flashj -t 2 plain");" \
  "flashj / flash -t 2 on .gz: $(round_ratio "flashj -t 2 .gz" "flash -t 2 .gz"); output identical to flash -t 1"
fi

if want 3; then
echo "== 3. writing -z"
round_reset
round_add "flashj -z -t 2" "$flashj -z -t 2 -M 150 -d out-z $r1 $r2"
round_add "flash -z -t 2" "flash -q -z -t 2 -M 150 -d out-flashz $r1 $r2"
round_run "$repeats"
round_table "flash -z -t 2"
rm -rf out-*
"$flashj" -z -t 2 -M 150 -d out-z "$r1" "$r2" >/dev/null 2>&1; flash -q -z -t 1 -M 150 -d out-flashz "$r1" "$r2" >/dev/null
for f in out.extendedFrags.fastq out.notCombined_1.fastq out.notCombined_2.fastq; do
  cmp -s <(zcat "out-z/$f.gz") <(zcat "out-flashz/$f.gz") || { echo "DIFFERENT: $f.gz"; exit 1; }
done
echo "  flash -z / flashj -z, per round (target >= 3): $(round_ratio "flash -z -t 2" "flashj -z -t 2");" \
  "sizes: flashj $(du -cb out-z/*.gz | tail -1 | cut -f1) B, flash $(du -cb out-flashz/*.gz | tail -1 | cut -f1) B; decompressed output identical"
rm -rf out-*
fi

if want 4; then
echo "== 4. --producers on .gz and BGZF (each split file is planned, then read, from its seek points)"
b1="${r1%.fq}.bgzf.fq.gz"; b2="${r2%.fq}.bgzf.fq.gz"
[ -s "$b1" ] || bgzip -c "$r1" > "$b1"
[ -s "$b2" ] || bgzip -c "$r2" > "$b2"
rm -rf idx; "$flashj" --producers 2 --gzip-index idx -M 150 -d out-idx "$r1.gz" "$r2.gz" >/dev/null 2>&1
round_reset
round_add "flashj .gz --producers 1" "$flashj -M 150 --producers 1 -d out-p1 $r1.gz $r2.gz"
round_add "flashj .gz --producers 2" "$flashj -M 150 --producers 2 -d out-p2 $r1.gz $r2.gz"
round_add "flashj .gz --producers 2, index" "$flashj -M 150 --producers 2 --gzip-index idx -d out-p2i $r1.gz $r2.gz"
round_add "flashj BGZF --producers 1" "$flashj -M 150 --producers 1 -d out-b1 $b1 $b2"
round_add "flashj BGZF --producers 2" "$flashj -M 150 --producers 2 -d out-b2 $b1 $b2"
round_run "$repeats"
round_table "flashj .gz --producers 1" "flashj BGZF --producers 1"
rm -rf out-*
"$flashj" -M 150 --producers 2 --gzip-index idx -d out-p2i "$r1.gz" "$r2.gz" >/dev/null 2>&1
"$flashj" -M 150 --producers 2 -d out-b2 "$b1" "$b2" >/dev/null 2>&1
flash -q -t 1 -M 150 -d out-flash "$r1.gz" "$r2.gz" >/dev/null
for f in out.extendedFrags.fastq out.notCombined_1.fastq out.notCombined_2.fastq out.hist out.histogram; do
  cmp -s "out-p2i/$f" "out-flash/$f" && cmp -s "out-b2/$f" "out-flash/$f" || { echo "DIFFERENT: $f"; exit 1; }
done
echo "  output identical to flash -t 1"
rm -rf out-* idx
fi
