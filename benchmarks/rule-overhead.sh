#!/usr/bin/env bash
# What the rules of the default profile add to schema-validated linting, on the generated
# 10,000-document corpus. The floor runs the schema only (yaml-syntax, manifest-structure and
# schema stay on; every other rule is disabled); the measured run is the default profile.
# Both are timed in the same session, alternating, RUNS times each; medians and their ratio.
# Usage: benchmarks/rule-overhead.sh [DOCUMENTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000}
runs=${2:-5}
out=benchmarks/out
mkdir -p "$out"
python3 benchmarks/generate-corpus.py "$out/corpus" "$docs" >/dev/null
dotnet build src/KubePlan.Cli -c Release -o "$out/bin" -v quiet -nologo >/dev/null
run() { dotnet "$out/bin/kubeplan.dll" "$@" >/dev/null || true; }
disable=()
for id in $(dotnet "$out/bin/kubeplan.dll" rules | awk 'NR > 1 { print $1 }'); do
  case "$id" in yaml-syntax|manifest-structure|schema) ;; *) disable+=(--disable "$id") ;; esac
done
floor=(); full=()
for _ in $(seq "$runs"); do
  s=$(date +%s.%N); run lint "$out/corpus" --format json "${disable[@]}"; e=$(date +%s.%N); floor+=("$(echo "$e - $s" | bc)")
  s=$(date +%s.%N); run lint "$out/corpus" --format json; e=$(date +%s.%N); full+=("$(echo "$e - $s" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
f=$(median "${floor[@]}"); d=$(median "${full[@]}")
echo "documents: $docs, runs: $runs each, start-up included"
echo "schema only (floor):    median $f s"
echo "default profile:        median $d s"
echo "ratio default / floor:  $(echo "scale=3; $d / $f" | bc)"
