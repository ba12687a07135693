#!/usr/bin/env bash
# Custom rules, cold and cached: lints examples/ with the Release build three ways and prints the
# median wall time of RUNS runs of each (start-up included) and its ratio to the floor.
#   floor   no custom rules
#   cold    --rules rules/custom/ with the cache off (KUBEPLAN_CACHE_DIR=""): Roslyn compiles every run
#   cached  --rules rules/custom/ served from a warm cache: no compiler loaded
# Usage: benchmarks/custom-rules.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
out=benchmarks/out
mkdir -p "$out"
dotnet build src/KubePlan.Cli -c Release -o "$out/bin" -v quiet -nologo >/dev/null
cache="$out/custom-rules-cache"
rm -rf "$cache"
tool=(dotnet "$out/bin/kubeplan.dll" lint examples --nodes examples/nodes.yaml --format json)

# Prints the median of RUNS wall times, in milliseconds, of the given command.
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR]=$1 } END { print t[int((NR+1)/2)] }'
}

floor=$(median_ms "${tool[@]}")
cold=$(median_ms env KUBEPLAN_CACHE_DIR= "${tool[@]}" --rules rules/custom/)
env KUBEPLAN_CACHE_DIR="$cache" "${tool[@]}" --rules rules/custom/ >/dev/null 2>&1 || true   # warm the cache
cached=$(median_ms env KUBEPLAN_CACHE_DIR="$cache" "${tool[@]}" --rules rules/custom/)
echo "command: kubeplan lint examples --nodes examples/nodes.yaml --format json [--rules rules/custom/]"
echo "runs: $runs (median wall time, start-up included)"
awk -v f="$floor" -v c="$cold" -v k="$cached" 'BEGIN {
  printf "floor  (no custom rules): %5d ms  1.00x\n", f
  printf "cold   (compiled by Roslyn): %5d ms  %.2fx\n", c, c / f
  printf "cached (no compiler):      %5d ms  %.2fx\n", k, k / f
  printf "cold / cached: %.1fx\n", c / k
}'
