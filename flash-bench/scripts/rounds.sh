# Alternated rounds, as docs/BENCHMARKS.md asks of every figure; sourced by the benchmark scripts.
#
# Each round runs every command once, in the order added, so that the machine's drift hits all of
# them alike. Each run starts in the current directory with no output of an earlier run (out-*
# removed, but $ROUND_KEEP) and no dirty pages left to write back (sync). /usr/bin/time measures
# its wall time, user+sys CPU and peak RSS. Ratios are taken round by round, where a noisy host
# moves both runs together, and their median is given.
#
#   cpu_line                  the CPU model, cores and vector width, to print with every figure
#   round_add NAME COMMAND    a command of every round (bash -c COMMAND; its output to run.out, run.err)
#   round_run ROUNDS          runs the rounds; a failed run prints its error and ends the script
#   round_after               if the script defines this function, it runs after every run, given
#                             the run's NAME, with run.out and run.err still there
#   round_wall NAME, round_cpu NAME, round_rss_mb NAME      medians over the rounds
#   round_ratio A B           the median over the rounds of A's wall time / B's
#   round_table [REF ...]     a Markdown table of the medians, a column of round_ratio for each REF
#   round_reset               forgets the commands, for another set of rounds (round_run starts
#                             its results afresh)
#
# ROUND_KEEP: an output directory (out-NAME) left in place between runs, for a command that reruns
# into a directory holding the previous run's files.

round_results=$(mktemp)
trap 'rm -f "$round_results" time.txt run.out run.err' EXIT
round_names=()
round_cmds=()

cpu_line() {
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores;" \
    "vector: $(grep -o -m1 -w 'avx512f\|avx2' /proc/cpuinfo | sort -u | tail -n1)"
}

round_add() {
  round_names+=("$1")
  round_cmds+=("$2")
}

round_reset() {
  round_names=()
  round_cmds=()
}

round_run() {
  local rounds=$1 k i e u s m
  : > "$round_results"
  for ((k = 0; k < rounds; k++)); do
    for i in "${!round_names[@]}"; do
      find . -maxdepth 1 -name 'out-*' ! -name "${ROUND_KEEP:-out-}" -exec rm -rf {} +
      sync
      if ! /usr/bin/time -f "%e %U %S %M" -o time.txt bash -c "${round_cmds[$i]}" > run.out 2> run.err; then
        echo "FAILED: ${round_names[$i]}: ${round_cmds[$i]}"
        tail -n 20 run.err
        exit 1
      fi
      read -r e u s m < time.txt
      printf '%s\t%s\t%s\t%s\t%s\n' "$k" "${round_names[$i]}" "$e" "$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')" \
        "$m" >> "$round_results"
      if declare -F round_after > /dev/null; then
        round_after "${round_names[$i]}"
      fi
    done
  done
}

round_median() {
  sort -g | awk '{ a[NR] = $1 } END { if (NR) print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

# The FIELD (3 wall, 4 CPU, 5 peak RSS in KB) of every run of NAME.
round_field() {
  awk -F'\t' -v n="$1" -v f="$2" '$2 == n { print $f }' "$round_results"
}

round_wall() { round_field "$1" 3 | round_median; }
round_cpu() { round_field "$1" 4 | round_median; }
round_rss_mb() { round_field "$1" 5 | round_median | awk '{ printf "%d", $1 / 1024 }'; }

round_ratio() {
  awk -F'\t' -v a="$1" -v b="$2" '$2 == a { x[$1] = $3 } $2 == b { y[$1] = $3 }
    END { for (k in x) if (k in y && y[k] > 0) print x[k] / y[k] }' "$round_results" \
    | round_median | awk '{ printf "%.2f", $1 }'
}

round_table() {
  local ref name row header="| command | wall s | CPU s | peak RSS MB |" rule="|---|---|---|---|"
  for ref in "$@"; do
    header+=" wall / $ref (per round) |"
    rule+="---|"
  done
  printf '\n%s\n%s\n' "$header" "$rule"
  for name in "${round_names[@]}"; do
    row="| $name | $(round_wall "$name") | $(round_cpu "$name") | $(round_rss_mb "$name") |"
    for ref in "$@"; do
      row+=" $(round_ratio "$name" "$ref") |"
    done
    echo "$row"
  done
}
