#!/usr/bin/env bash
# End-to-end benchmark: FlashJ against its peers on the same ART pairs, in one run.
#
# usage: flash-bench/scripts/peer-benchmark.sh [PAIRS] [REPEATS]     (defaults: 2000000 3)
#
# Generates PAIRS ART HiSeq 2500 pairs (2x150, 250 bp fragments, lambda genome) once under
# $BENCH_DIR (default /tmp/flashj-bench), then times each tool REPEATS times with /usr/bin/time
# (wall, user+sys CPU, peak RSS) in alternated rounds, each run on a fresh output directory after
# sync (and one FlashJ row rerunning into the same directory), and prints the medians and the
# ratios of wall time against vsearch --threads 2 and flash -t 1. Needs: mvn package (bin/flashj), and Debian's flash, vsearch,
# bbmap, fastp, art-nextgen-simulation-tools, bowtie2-examples, time (scripts/install-deps.sh --bench
# installs them). Tools not installed are skipped.
# JAVA25 (default: the Temurin JDK under /usr/lib/jvm) adds FlashJ runs on that JDK.
set -euo pipefail
pairs=${1:-2000000}
repeats=${2:-3}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=${BENCH_DIR:-/tmp/flashj-bench}
java25=${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1 || true)}
mkdir -p "$dir"
cd "$dir"

r1="art${pairs}_1.fq"; r2="art${pairs}_2.fq"
if [ ! -s "$r1" ]; then
  zcat /usr/share/doc/bowtie2/examples/reference/lambda_virus.fa.gz > lambda.fa
  # lambda is 48,502 bp: fold = pairs * 300 / 48502 gives about PAIRS pairs (1% more, trimmed below).
  fold=$(python3 -c "print(round($pairs * 300 / 48502 * 1.01, 3))")
  art_illumina -q -na -ss HS25 -i lambda.fa -p -l 150 -f "$fold" -m 250 -s 25 -rs 1 -o "art${pairs}_" >/dev/null
  mv "art${pairs}_1.fq" "$r1.tmp"; mv "art${pairs}_2.fq" "$r2.tmp"
  # ART's count is close to PAIRS; trim to exactly PAIRS so every tool sees the same input.
  head -n $((pairs * 4)) "$r1.tmp" > "$r1"; head -n $((pairs * 4)) "$r2.tmp" > "$r2"; rm -f "$r1.tmp" "$r2.tmp"
fi
# shellcheck source=rounds.sh
. "$root/flash-bench/scripts/rounds.sh"
cpu_line
echo "input: $(($(wc -l < "$r1") / 4)) pairs of 2x150 ($(du -h "$r1" | cut -f1) per mate), machine: $(free -g | awk '/Mem:/{print $2}') GiB"
[ "$repeats" -gt 0 ] || exit 0  # REPEATS 0: only make the data (gzip-benchmark.sh does)

flashj="$root/bin/flashj"
# FlashJ runs without -q, as pipelines run it (its log goes to /dev/null with every tool's output):
# bin/flashj starts -q runs without the Vector API module, so they would measure the scalar kernel.
round_add "flashj -t 1 (JDK $(java -version 2>&1 | awk -F'"' '/version/{print $2}'))" "$flashj -t 1 -M 150 -d out-flashj1 $r1 $r2"
round_add "flashj -t 2 (JDK $(java -version 2>&1 | awk -F'"' '/version/{print $2}'))" "$flashj -t 2 -M 150 -d out-flashj2 $r1 $r2"
# Each kernel forced, whatever the input's size would choose (KernelChoice.forOneRun): the vector
# kernel must not be slower than the scalar one; on AVX-512 machines the JIT is also held to
# 256-bit vectors, the width of AVX2-only machines.
round_add "flashj -t 2, vector kernel" "env JAVA_OPTS=-Dflashj.kernel=vector $flashj -t 2 -M 150 -d out-flashj2v $r1 $r2"
round_add "flashj -t 2, scalar kernel" "env JAVA_OPTS=-Dflashj.kernel=scalar $flashj -t 2 -M 150 -d out-flashj2s $r1 $r2"
# The staged layout forced (a reader thread and a committer beside the workers), against the
# default on this machine's cores (docs/ARCHITECTURE.md, "The pipeline").
round_add "flashj -t 2, staged (reader and committer threads)" "env JAVA_OPTS=-Dflashj.pipeline=staged $flashj -t 2 -M 150 -d out-flashj2st $r1 $r2"
if grep -q -m1 -w avx512f /proc/cpuinfo; then
  round_add "flashj -t 2, vector kernel, 256-bit vectors (-XX:UseAVX=2)" "env JAVA_OPTS='-Dflashj.kernel=vector -XX:UseAVX=2' $flashj -t 2 -M 150 -d out-flashj2a $r1 $r2"
fi
if [ -n "$java25" ]; then
  round_add "flashj -t 2 (Temurin $("$java25/bin/java" -version 2>&1 | awk -F'"' '/version/{print $2}'))" "env JAVA_HOME=$java25 $flashj -t 2 -M 150 -d out-flashj25 $r1 $r2"
fi
command -v flash >/dev/null && round_add "flash -t 1" "flash -q -t 1 -M 150 -d out-flash1 $r1 $r2"
command -v flash >/dev/null && round_add "flash -t 2" "flash -q -t 2 -M 150 -d out-flash2 $r1 $r2"
command -v vsearch >/dev/null && round_add "vsearch --threads 2" "vsearch --quiet --threads 2 --fastq_mergepairs $r1 --reverse $r2 --fastqout out-vsearch.fq"
[ -f /usr/share/java/bbmap.jar ] && round_add "bbmerge t=2" "java -Xmx2g -cp /usr/share/java/bbmap.jar jgi.BBMerge in1=$r1 in2=$r2 out=out-bbmerge.fq outu=out-bbmerge-u.fq t=2 overwrite=t"
command -v fastp >/dev/null && round_add "fastp -m -w 2" "fastp -m -w 2 -i $r1 -I $r2 --merged_out out-fastp.fq -j /dev/null -h /dev/null"

# The rerun row writes into a directory that holds the previous run's files, as pipelines do on a
# retry; it is filled once before the rounds and never cleared.
round_add "flashj -t 2, rerun into the same directory" "$flashj -t 2 -M 150 -d out-rerun $r1 $r2"
rm -rf out-*
"$flashj" -t 2 -M 150 -d out-rerun "$r1" "$r2" >/dev/null 2>&1
ROUND_KEEP=out-rerun round_run "$repeats"
round_table "vsearch --threads 2" "flash -t 1"
if command -v flash >/dev/null; then
  rm -rf out-*
  flash -q -t 1 -M 150 -d out-flash1 "$r1" "$r2"
  "$flashj" -t 2 -M 150 -d out-flashj2 "$r1" "$r2" >/dev/null 2>&1
  same=yes
  for f in out-flash1/*; do cmp -s "$f" "out-flashj2/$(basename "$f")" || same=no; done
  echo; echo "flashj -t 2 output identical to flash -t 1: $same"
fi
