#!/usr/bin/env bash
# Plans a 10,000-replica Deployment (maxSurge 1, maxUnavailable 0: 10,001 waves) and diffs two
# copies of the 10,000-document corpus with a few dozen changed objects, with the Release build.
# Prints medians of RUNS runs next to a baseline that only starts the tool and parses the same
# input (every rule turned off), so the figures are the planning and diffing cost itself.
# Usage: benchmarks/plan-and-diff.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=benchmarks/out
mkdir -p "$out"
[ -d "$out/corpus" ] || python3 benchmarks/generate-corpus.py "$out/corpus" 10000
dotnet build src/KubePlan.Cli -c Release -o "$out/bin" -v quiet -nologo >/dev/null
tool="dotnet $out/bin/kubeplan.dll"

median() { # command... → median wall seconds
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR]=$1 } END { printf "%.3f", t[int((NR+1)/2)] / 1000 }'
}

# Every rule off: the tool starts, reads and parses, and checks nothing.
# The ids come from the JSON catalogue (the text one has a header line), and the baseline must
# succeed: a configuration the tool refuses would make it time start-up alone.
$tool rules --format json | python3 -c 'import json, sys; print("rules:"); [print("  " + r["id"] + ": off") for r in json.load(sys.stdin)["rules"]]' > "$out/parse-only.yaml"
$tool lint "$out/corpus" --config "$out/parse-only.yaml" >/dev/null || { echo "plan-and-diff: the parse-only baseline fails" >&2; exit 1; }

cat > "$out/big.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: big}
spec:
  replicas: 10000
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec:
      containers: [{name: app, image: app:1, readinessProbe: {tcpSocket: {port: 80}}}]
YAML
plan=$(median $tool plan "$out/big.yaml" --format json)
plan_base=$(median $tool lint "$out/big.yaml" --config "$out/parse-only.yaml")
echo "plan 10,000 replicas, maxSurge 1: median ${plan} s; start-up and parse ${plan_base} s; planning $(awk -v a="$plan" -v b="$plan_base" 'BEGIN { printf "%.3f", a - b }') s"

rm -rf "$out/new" && cp -r "$out/corpus" "$out/new"
sed -i 's|image: registry.example.com/app-0:1.0.0|image: registry.example.com/app-0:1.0.1|' "$out/new/part-0000.yaml"
sed -i 's|replicas: 3$|replicas: 4|' "$out/new/part-0050.yaml"
sed -i 's|port: 80$|port: 8080|' "$out/new/part-0099.yaml"
diff_time=$(median $tool diff "$out/corpus" "$out/new" --format json)
diff_base=$(median $tool lint "$out/corpus" "$out/new" --config "$out/parse-only.yaml")
echo "diff 2 x 10,000 documents, a handful of changes: median ${diff_time} s; start-up and parse ${diff_base} s; diffing $(awk -v a="$diff_time" -v b="$diff_base" 'BEGIN { printf "%.3f", a - b }') s"
