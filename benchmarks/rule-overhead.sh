#!/usr/bin/env bash
# What the rules of the default profile add to schema-validated linting, on the generated
# 10,000-document corpus. The floor runs the schema only (yaml-syntax, manifest-structure and
# schema stay on; every other rule is disabled); the measured run is the default profile.
# Both are timed in the same session, alternating, RUNS times each; medians and their ratio.
# The tool is measured as users get it: packed and installed with `dotnet tool install`
# (ReadyToRun on linux-x64), or, with --tool DIR, the kubeplan already installed in DIR.
# Which rules the difference comes from: benchmarks/RuleTimes (each rule timed alone).
# Usage: benchmarks/rule-overhead.sh [DOCUMENTS] [RUNS] [--tool DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1
tooldir=
positional=()
while [ $# -gt 0 ]; do
  case $1 in
    --tool) tooldir=$2; shift 2 ;;
    *) positional+=("$1"); shift ;;
  esac
done
docs=${positional[0]:-10000}
runs=${positional[1]:-5}
out=benchmarks/out
mkdir -p "$out"
python3 benchmarks/generate-corpus.py "$out/corpus" "$docs" >/dev/null
if [ -z "$tooldir" ]; then
  tooldir="$out/tool"
  benchmarks/install-tool.sh
fi
tool="$tooldir/kubeplan"
run() { "$tool" "$@" >/dev/null || true; }
disable=()
for id in $("$tool" rules | awk 'NR > 1 { print $1 }'); do
  case "$id" in yaml-syntax|manifest-structure|schema) ;; *) disable+=(--disable "$id") ;; esac
done
floor=(); full=()
for _ in $(seq "$runs"); do
  s=$(date +%s.%N); run lint "$out/corpus" --format json "${disable[@]}"; e=$(date +%s.%N); floor+=("$(echo "$e - $s" | bc)")
  s=$(date +%s.%N); run lint "$out/corpus" --format json; e=$(date +%s.%N); full+=("$(echo "$e - $s" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
f=$(median "${floor[@]}"); d=$(median "${full[@]}")
echo "documents: $docs, runs: $runs each, start-up included, tool: $tool"
echo "schema only (floor):    median $f s"
echo "default profile:        median $d s"
echo "ratio default / floor:  $(echo "scale=3; $d / $f" | bc)"
