#!/usr/bin/env bash
# Lints a generated 10,000-document corpus with the Release build and prints documents per
# second and peak memory (median of RUNS runs, start-up included).
# Usage: benchmarks/lint-throughput.sh [DOCUMENTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000}
runs=${2:-5}
out=benchmarks/out
rm -rf "$out/corpus" && mkdir -p "$out"
python3 benchmarks/generate-corpus.py "$out/corpus" "$docs"
dotnet build src/KubePlan.Cli -c Release -o "$out/bin" -v quiet -nologo >/dev/null
times=()
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$out/time.txt" dotnet "$out/bin/kubeplan.dll" lint "$out/corpus" --format json >"$out/report.json" || true
  times+=("$(cat "$out/time.txt")")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v docs="$docs" -v runs="$runs" '
  { t[NR]=$1; m[NR]=$2 }
  END {
    mid=int((NR+1)/2); secs=t[mid]; mem=m[mid];
    printf "documents: %d, runs: %d\nmedian wall time: %.2f s (start-up included)\nthroughput: %.0f documents/s\npeak memory (median run): %.0f MiB\n", docs, runs, secs, docs/secs, mem/1024
  }'
grep -o '"documents": [0-9]*' "$out/report.json" | head -1
