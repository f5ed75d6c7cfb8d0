#!/usr/bin/env bash
# Where a bin/flashj-spark run's wall time goes, from Spark's event log, for each master given.
#
# usage: flash-bench/scripts/spark-breakdown.sh [PAIRS] [MASTER...]
#        (defaults: 1000000 'local[2]' 'local-cluster[2,1,1024]' standalone)
#
# Uses peer-benchmark.sh's data (generated once under $BENCH_DIR, default /tmp/flashj-bench).
# "standalone" starts a Master and two Workers of one core each (JVMs of their own, from a Spark
# home holding the build's Spark jars, as FlashjSparkCommandIT does) and stops them afterwards.
# Each run writes an event log; the breakdown is read from it: Spark's start (JVM start to the
# application's start), the executors' registration, the planning and merging jobs with the
# tasks' deserialisation time, the assembly (FlashJ's log) and the shutdown.
# Needs: mvn package, art_illumina (peer-benchmark.sh), python3.
set -euo pipefail
pairs=${1:-1000000}
shift || true
masters=("$@")
[ ${#masters[@]} -gt 0 ] || masters=('local[2]' 'local-cluster[2,1,1024]' standalone)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=${BENCH_DIR:-/tmp/flashj-bench}
"$root/flash-bench/scripts/peer-benchmark.sh" "$pairs" 0 >/dev/null
cd "$dir"
r1="$dir/art${pairs}_1.fq"; r2="$dir/art${pairs}_2.fq"
daemons=()
stop_cluster() {
  for pid in "${daemons[@]}"; do
    pkill -9 -P "$pid" 2>/dev/null || true
    kill -9 "$pid" 2>/dev/null || true
  done
  daemons=()
}
trap stop_cluster EXIT
start_cluster() {
  local home="$dir/spark-home" java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  mkdir -p "$home/jars"
  tr ':' '\n' < "$root/flash-spark-cli/target/spark-classpath.txt" | while read -r jar; do
    [ -e "$home/jars/$(basename "$jar")" ] || ln "$jar" "$home/jars/" 2>/dev/null || cp "$jar" "$home/jars/"
  done
  local opts=(-Xmx512m -XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED -cp "$home/jars/*")
  export SPARK_HOME="$home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
  "$java" "${opts[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 17197 --webui-port 18197 \
    >master.log 2>&1 &
  daemons+=($!)
  sleep 5
  for w in 1 2; do
    mkdir -p "worker$w"
    "$java" "${opts[@]}" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
      --webui-port $((18197 + w)) --work-dir "$dir/worker$w" spark://127.0.0.1:17197 >"worker$w.log" 2>&1 &
    daemons+=($!)
  done
  sleep 5
  unset SPARK_HOME
}
for master in "${masters[@]}"; do
  url="$master"
  extra=()
  if [ "$master" = standalone ]; then
    start_cluster
    url=spark://127.0.0.1:17197
    extra=(--spark-conf spark.driver.host=127.0.0.1 --spark-conf spark.executor.memory=768m)
  fi
  rm -rf out-spark events; mkdir events; sync
  started=$(date +%s%3N)
  "$root/bin/flashj-spark" --master "$url" "${extra[@]}" --spark-conf spark.eventLog.enabled=true --spark-conf spark.eventLog.rolling.enabled=false \
    --spark-conf spark.eventLog.compress=false \
    --spark-conf "spark.eventLog.dir=file://$dir/events" -M 150 -d out-spark "$r1" "$r2" >run.out 2>run.err
  ended=$(date +%s%3N)
  [ "$master" = standalone ] && stop_cluster
  echo "## $master ($pairs pairs)"
  python3 - "$started" "$ended" events/* run.err <<'EOF'
import json, re, sys
started, ended, log, err = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], open(sys.argv[4]).read()
app = end = None
executors, jobs, stage_job, deser, run = [], {}, {}, {}, {}
for line in open(log):
    e = json.loads(line)
    kind = e["Event"]
    if kind == "SparkListenerApplicationStart":
        app = e["Timestamp"]
    elif kind == "SparkListenerApplicationEnd":
        end = e["Timestamp"]
    elif kind == "SparkListenerExecutorAdded":
        executors.append(e["Timestamp"])
    elif kind == "SparkListenerJobStart":
        jobs[e["Job ID"]] = [e["Submission Time"], None]
        for s in e["Stage IDs"]:
            stage_job[s] = e["Job ID"]
    elif kind == "SparkListenerJobEnd":
        jobs[e["Job ID"]][1] = e["Completion Time"]
    elif kind == "SparkListenerTaskEnd" and e.get("Task Metrics"):
        job = stage_job[e["Stage ID"]]
        deser[job] = deser.get(job, 0) + e["Task Metrics"]["Executor Deserialize Time"]
        run[job] = run.get(job, 0) + e["Task Metrics"]["Executor Run Time"]
s = lambda ms: f"{ms / 1000:.2f} s"
print(f"- wall time: {s(ended - started)}")
print(f"- starting Spark (JVM start to the application's start): {s(app - started)}")
if executors and not all(t <= app for t in executors):
    print(f"- executors registered: {', '.join(s(t - app) for t in sorted(executors))} after the start")
waited = re.search(r"Waited (\d+) ms for executors", err)
if waited:
    print(f"- FlashJ's wait for the first executor: {s(int(waited.group(1)))}")
for job, name in zip(sorted(jobs), ["planning", "merging"]):
    a, b = jobs[job]
    print(f"- {name}: {s(b - a)} (job {job}; tasks' deserialisation {s(deser.get(job, 0))},"
          f" run {s(run.get(job, 0))}, summed over tasks)")
wrote = re.search(r"Wrote the output files from \d+ parts each in (\d+) ms", err)
if wrote:
    print(f"- joining parts: {s(int(wrote.group(1)))}")
print(f"- shutting down (the application's end to the JVM's exit): {s(ended - end)}")
EOF
  echo
done
