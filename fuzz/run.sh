#!/usr/bin/env bash
# Fuzzes the YAML reader and the whole lint pipeline (fuzz/KubePlan.Fuzz) with seeds from examples/
# and the test fixtures.
#
#   fuzz/run.sh replay [ITERATIONS] [SEED]   every seed file, then ITERATIONS (default 2000) fixed-seed
#                                            mutations, without AFL++: the short CI run (seconds)
#   fuzz/run.sh afl [MINUTES]                AFL++ for MINUTES (default 10) on a SharpFuzz-instrumented
#                                            build; needs afl-fuzz (Debian package afl++)
#
# Every crash or hang found becomes a regression input under
# tests/KubePlan.Core.Tests/Manifests/Robustness/ with a test in YamlRobustnessTests.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=(examples tests/KubePlan.Core.Tests/Fixtures tests/KubePlan.Core.Tests/Manifests/Robustness)
mode=${1:-replay}
work=${FUZZ_WORK:-fuzz/out}

case "$mode" in
replay)
  dotnet build fuzz/KubePlan.Fuzz -c Release -v q --nologo >/dev/null
  exec dotnet fuzz/KubePlan.Fuzz/bin/Release/net10.0/KubePlan.Fuzz.dll --replay "${seeds[@]}" --iterations "${2:-2000}" --seed "${3:-15}"
  ;;
afl)
  minutes=${2:-10}
  command -v afl-fuzz >/dev/null || { echo "run.sh: afl-fuzz is not installed (apt-get install afl++)" >&2; exit 2; }
  rm -rf "$work/bin" "$work/corpus"
  mkdir -p "$work/corpus"
  dotnet publish fuzz/KubePlan.Fuzz -c Release -o "$work/bin" -v q --nologo >/dev/null
  # SharpFuzz's instrumentation tool rewrites the library under test to report branch coverage to AFL++.
  [ -x "$work/tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >/dev/null
  "$work/tools/sharpfuzz" "$work/bin/KubePlan.Core.dll"
  # One flat seed folder; AFL++ works best on small seeds, so big files are left out.
  find "${seeds[@]}" -type f \( -name '*.yaml' -o -name '*.yml' \) -size -16k -print0 |
    while IFS= read -r -d '' f; do cp "$f" "$work/corpus/$(echo "$f" | tr '/' '_')"; done
  # The target is managed code, not an AFL-compiled binary: skip that check; .NET needs memory and a
  # start-up allowance (-m none, -t 10000 ms per input).
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=${AFL_NO_UI:-1} afl-fuzz -i "$work/corpus" -o "$work/findings" -V $((minutes * 60)) -t 10000 -m none -- "$work/bin/KubePlan.Fuzz"
  ls "$work"/findings/default/crashes "$work"/findings/default/hangs 2>/dev/null || true
  # Replay with an uninstrumented build: the instrumented one needs AFL++'s shared memory and fails without it.
  echo "replay the findings: dotnet build fuzz/KubePlan.Fuzz -c Release && dotnet fuzz/KubePlan.Fuzz/bin/Release/net10.0/KubePlan.Fuzz.dll --replay $work/findings/default/crashes --iterations 0"
  ;;
*)
  echo "usage: fuzz/run.sh replay [ITERATIONS] [SEED] | fuzz/run.sh afl [MINUTES]" >&2
  exit 2
  ;;
esac
