#!/usr/bin/env bash
# Runs flash_sql.py with pyspark from PyPI (the version of the build's Spark, in a virtual
# environment under target/) against the built jars, on the example pairs, and checks that the
# merged reads it wrote are the reads of `flash -M 150` longer than 200 bp.
#
#   mvn -q package -DskipTests && examples/pyspark/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="$root/flash-spark/target"
jar="$(ls "$target"/flash-spark-*.jar 2>/dev/null | grep -v -e sources -e javadoc -e tests | head -n 1 || true)"
if [ -z "$jar" ]; then
  echo "run.sh: not built yet; run: mvn -q package -DskipTests (in $root)" >&2
  exit 1
fi
spark_version="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$root/pom.xml")"
venv="$root/examples/target/pyspark-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$spark_version')"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pyspark==$spark_version"
fi
jars="$jar"
for lib in "$target"/lib/*.jar; do
  jars="$jars,$lib"
done
out="$root/examples/target/pyspark-out"
rm -rf "$out"
"$venv/bin/python" "$here/flash_sql.py" "$jars" "$root/examples/data/lambda_1.fastq.gz" \
  "$root/examples/data/lambda_2.fastq.gz" "$out"
# The same reads from the command line, for comparison: flash -M 150, merged reads over 200 bp.
check="$root/examples/target/pyspark-check"
rm -rf "$check"
"$root/bin/flashj" -q -M 150 -d "$check" "$root/examples/data/lambda_1.fastq.gz" "$root/examples/data/lambda_2.fastq.gz"
awk 'NR % 4 == 1 { h = $0 } NR % 4 == 2 { s = $0 } NR % 4 == 0 { if (length(s) > 200) print h "\n" s "\n+\n" $0 }' \
  "$check/out.extendedFrags.fastq" > "$check/long.fastq"
if cmp -s "$check/long.fastq" "$out/out.extendedFrags.fastq"; then
  echo "run.sh: the merged reads over 200 bp are those of flashj -M 150 ($(grep -c '^+$' "$check/long.fastq") reads)"
else
  echo "run.sh: $out/out.extendedFrags.fastq differs from the command's merged reads over 200 bp" >&2
  exit 1
fi
