#!/usr/bin/env bash
# Checks that the build is reproducible: two clean builds (`mvn clean package -DskipTests`) of this
# tree give byte-identical jars (main, sources, javadoc, tests, the benchmarks' shaded jar) and an
# identical distribution tarball. Prints the artifacts that differ and exits 1 if any does.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
first=$(mktemp -d)
trap 'rm -rf "$first"' EXIT
artifacts() {
  find . -path ./examples/target/pyspark-venv -prune -o -path '*/target/*' \( -name '*.jar' -o -name '*.tar.gz' \) \
    -not -path '*/lib/*' -print | sort
}
mvn -B -q clean package -DskipTests "$@"
artifacts | while read -r f; do mkdir -p "$first/$(dirname "$f")"; cp "$f" "$first/$f"; done
mvn -B -q clean package -DskipTests "$@"
differ=0
count=0
while read -r f; do
  count=$((count + 1))
  if ! cmp -s "$f" "$first/$f"; then
    echo "differs: $f"
    differ=1
  fi
done < <(artifacts)
if [ "$differ" -eq 0 ]; then
  echo "reproducible: $count artifacts identical in two clean builds"
fi
exit "$differ"
