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
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); vector: $(grep -o -m1 -w 'avx512f\|avx2' /proc/cpuinfo | sort -u | tail -n1)"
echo "input: $(($(wc -l < "$r1") / 4)) pairs of 2x150 ($(du -h "$r1" | cut -f1) per mate), machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
[ "$repeats" -gt 0 ] || exit 0  # REPEATS 0: only make the data (gzip-benchmark.sh does)

declare -a names cmds
add() { names+=("$1"); cmds+=("$2"); }
flashj="$root/bin/flashj"
# FlashJ runs without -q, as pipelines run it (its log goes to /dev/null with every tool's output):
# bin/flashj starts -q runs without the Vector API module, so they would measure the scalar kernel.
add "flashj -t 1 (JDK $(java -version 2>&1 | awk -F'"' '/version/{print $2}'))" "$flashj -t 1 -M 150 -d out-flashj1 $r1 $r2"
add "flashj -t 2 (JDK $(java -version 2>&1 | awk -F'"' '/version/{print $2}'))" "$flashj -t 2 -M 150 -d out-flashj2 $r1 $r2"
# Each kernel forced, whatever the input's size would choose (KernelChoice.forOneRun): the vector
# kernel must not be slower than the scalar one; on AVX-512 machines the JIT is also held to
# 256-bit vectors, the width of AVX2-only machines.
add "flashj -t 2, vector kernel" "env JAVA_OPTS=-Dflashj.kernel=vector $flashj -t 2 -M 150 -d out-flashj2v $r1 $r2"
add "flashj -t 2, scalar kernel" "env JAVA_OPTS=-Dflashj.kernel=scalar $flashj -t 2 -M 150 -d out-flashj2s $r1 $r2"
# The staged layout forced (a reader thread and a committer beside the workers), against the
# default on this machine's cores (docs/ARCHITECTURE.md, "The pipeline").
add "flashj -t 2, staged (reader and committer threads)" "env JAVA_OPTS=-Dflashj.pipeline=staged $flashj -t 2 -M 150 -d out-flashj2st $r1 $r2"
if grep -q -m1 -w avx512f /proc/cpuinfo; then
  add "flashj -t 2, vector kernel, 256-bit vectors (-XX:UseAVX=2)" "env JAVA_OPTS='-Dflashj.kernel=vector -XX:UseAVX=2' $flashj -t 2 -M 150 -d out-flashj2a $r1 $r2"
fi
if [ -n "$java25" ]; then
  add "flashj -t 2 (Temurin $("$java25/bin/java" -version 2>&1 | awk -F'"' '/version/{print $2}'))" "env JAVA_HOME=$java25 $flashj -t 2 -M 150 -d out-flashj25 $r1 $r2"
fi
command -v flash >/dev/null && add "flash -t 1" "flash -q -t 1 -M 150 -d out-flash1 $r1 $r2"
command -v flash >/dev/null && add "flash -t 2" "flash -q -t 2 -M 150 -d out-flash2 $r1 $r2"
command -v vsearch >/dev/null && add "vsearch --threads 2" "vsearch --quiet --threads 2 --fastq_mergepairs $r1 --reverse $r2 --fastqout out-vsearch.fq"
[ -f /usr/share/java/bbmap.jar ] && add "bbmerge t=2" "java -Xmx2g -cp /usr/share/java/bbmap.jar jgi.BBMerge in1=$r1 in2=$r2 out=out-bbmerge.fq outu=out-bbmerge-u.fq t=2 overwrite=t"
command -v fastp >/dev/null && add "fastp -m -w 2" "fastp -m -w 2 -i $r1 -I $r2 --merged_out out-fastp.fq -j /dev/null -h /dev/null"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# The rerun row writes into a directory that holds the previous run's files, as pipelines do on a
# retry; it is filled once before the rounds and never cleared.
add "flashj -t 2, rerun into the same directory" "$flashj -t 2 -M 150 -d out-rerun $r1 $r2"
rm -rf out-*
"$flashj" -t 2 -M 150 -d out-rerun "$r1" "$r2" >/dev/null 2>&1
declare -A wall cpu rss
for i in "${!names[@]}"; do rm -f "w$i" "c$i" "m$i"; done
# Alternated rounds: each round runs every tool once, so that the machine's drift hits all alike.
for ((k = 0; k < repeats; k++)); do
  for i in "${!names[@]}"; do
    # Every run starts alike: no earlier output to truncate (but the rerun's), no dirty pages left
    # to write back.
    find . -maxdepth 1 -name 'out-*' ! -name out-rerun -exec rm -rf {} +; sync
    /usr/bin/time -f "%e %U %S %M" -o time.txt bash -c "${cmds[$i]}" >/dev/null 2>run.err || { echo "FAILED: ${names[$i]}"; cat run.err; }
    read -r e u s m < time.txt
    echo "$e" >> "w$i"; echo "$u $s" | awk '{print $1 + $2}' >> "c$i"; echo "$m" >> "m$i"
  done
done
for i in "${!names[@]}"; do
  wall[$i]=$(median < "w$i"); cpu[$i]=$(median < "c$i"); rss[$i]=$(median < "m$i"); rm -f "w$i" "c$i" "m$i"
done

ref_v=""; ref_f=""
for i in "${!names[@]}"; do
  [[ ${names[$i]} == vsearch* ]] && ref_v=${wall[$i]}
  [[ ${names[$i]} == "flash -t 1" ]] && ref_f=${wall[$i]}
done
printf "\n| tool | wall s | CPU s | peak RSS MB | wall / vsearch -t2 | wall / flash -t1 |\n|---|---|---|---|---|---|\n"
for i in "${!names[@]}"; do
  rv=$([ -n "$ref_v" ] && awk -v a="${wall[$i]}" -v b="$ref_v" 'BEGIN{printf "%.2f", a/b}' || echo -)
  rf=$([ -n "$ref_f" ] && awk -v a="${wall[$i]}" -v b="$ref_f" 'BEGIN{printf "%.2f", a/b}' || echo -)
  printf "| %s | %s | %s | %d | %s | %s |\n" "${names[$i]}" "${wall[$i]}" "${cpu[$i]}" $((${rss[$i]} / 1024)) "$rv" "$rf"
done
if command -v flash >/dev/null; then
  rm -rf out-*
  flash -q -t 1 -M 150 -d out-flash1 "$r1" "$r2"
  "$flashj" -t 2 -M 150 -d out-flashj2 "$r1" "$r2" >/dev/null 2>&1
  same=yes
  for f in out-flash1/*; do cmp -s "$f" "out-flashj2/$(basename "$f")" || same=no; done
  echo; echo "flashj -t 2 output identical to flash -t 1: $same"
fi
