#!/usr/bin/env bash
# Differential check of YAML reading: runs Kubernetes' own decoder (kubectl label --local, no
# cluster needed) and kubeplan over every file of a folder and lists the files where the
# verdicts differ: "kubectl refuses" (a YAML error) against "kubeplan reports yaml-syntax".
# Not a unit test: it needs kubectl. Usage: fuzz/kubectl-diff.sh FOLDER [KUBEPLAN_COMMAND...]
# (default command: dotnet run --project src/KubePlan.Cli --no-build --).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: fuzz/kubectl-diff.sh FOLDER [KUBEPLAN_COMMAND...]}
shift
if [ $# -gt 0 ]; then kp=("$@"); else kp=(dotnet run --project src/KubePlan.Cli --no-build --); fi
command -v kubectl >/dev/null || { echo "kubectl-diff: kubectl is not installed" >&2; exit 2; }
total=0; differ=0
while IFS= read -r -d '' f; do
  total=$((total + 1))
  # kubectl's YAML errors: the splitter's "invalid Yaml document separator", go-yaml's "yaml: ...",
  # and the JSON decoder's depth limit. Missing-kind and schema errors mean the YAML was read.
  if kubectl label --local -f "$f" k=v -o name 2>&1 >/dev/null | grep -qE 'error converting YAML to JSON|invalid Yaml document separator|exceeded max depth'; then k=refuses; else k=reads; fi
  if "${kp[@]}" lint "$f" --format json 2>/dev/null | python3 -c 'import json, sys
d = json.load(sys.stdin)
sys.exit(0 if any(x["ruleId"] == "yaml-syntax" and x["severity"] == "error" for x in d["diagnostics"]) else 1)'; then p=refuses; else p=reads; fi
  if [ "$k" != "$p" ]; then differ=$((differ + 1)); echo "differs: $f  kubectl $k, kubeplan $p"; fi
done < <(find "$dir" -type f \( -name '*.yaml' -o -name '*.yml' \) -print0 | sort -z)
echo "kubectl-diff: $differ of $total files differ"
[ "$differ" -eq 0 ]
