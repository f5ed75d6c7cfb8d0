#!/usr/bin/env bash
# Fuzzes FlashJ's inputs and options with Jazzer, each target in turn for the given time
# (default 10m), after `mvn install -DskipTests`. What a target finds (an input that ends in an
# untyped exception, a hang or an OutOfMemoryError) is saved under the test's resources directory
# (*FuzzTestInputs/<target>/) and so becomes a regression test; the corpus each target grows is
# kept in the module's .cifuzz-corpus/ (not committed) and reused by the next run.
#
#   scripts/fuzz.sh [duration] [target ...]     e.g. scripts/fuzz.sh 12m compressedInput
#
# Targets: pairedFastq interleavedFastq tabDelimited compressedInput (flash-io) options (flash-cli).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration="${1:-10m}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(pairedFastq interleavedFastq tabDelimited compressedInput options)
fi
for target in "${targets[@]}"; do
  case "$target" in
    options) module=flash-cli; class=OptionsFuzzTest ;;
    *) module=flash-io; class=InputFuzzTest ;;
  esac
  echo "== $class#$target for $duration"
  # Coverage of every FlashJ package guides the fuzzer, flash-core's parsing included (by default
  # Jazzer instruments the test's own package tree only).
  (cd "$module" && JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" JAZZER_INSTRUMENTATION_INCLUDES='io.github.flashj.**' \
    mvn -B -o ${FUZZ_MAVEN_OPTS:-} test \
    -Dtest="$class#$target" -Dsurefire.failIfNoSpecifiedTests=false 2>&1) | grep -E '^(Done|#[0-9]+ *DONE)|==[0-9]+== |Tests run:|FAIL' || true
done
