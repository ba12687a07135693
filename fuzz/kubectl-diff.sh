#!/usr/bin/env bash
# Differential check of YAML reading: runs Kubernetes' own decoder (kubectl label --local, no
# cluster needed) on every file of a folder and kubeplan once on the whole folder, and lists the
# files where the verdicts differ: "refuses" (a YAML error: go-yaml's "yaml: ...", the splitter's
# "invalid Yaml document separator", the JSON conversion) against "reads". Differences are grouped
# into classes by kubectl's or kubeplan's message with line numbers and quoted text taken out;
# fuzz/README.md says which classes remain and why.
# Differences where kubeplan is stricter on purpose (duplicate keys, content Kubernetes drops after
# a part's first document) are marked "deliberate" and do not fail the run.
# Not a unit test: it needs kubectl. Exit 0 when no file differs, 1 when some do.
#
#   fuzz/kubectl-diff.sh FOLDER [KUBEPLAN_COMMAND...]
#     (default command: dotnet run --project src/KubePlan.Cli --no-build --)
#   fuzz/mutants/generate.sh 1000 && fuzz/kubectl-diff.sh fuzz/out/mutants
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: fuzz/kubectl-diff.sh FOLDER [KUBEPLAN_COMMAND...]}
shift
if [ $# -gt 0 ]; then kp=("$@"); else kp=(dotnet run --project src/KubePlan.Cli --no-build --); fi
command -v kubectl >/dev/null || { echo "kubectl-diff: kubectl is not installed" >&2; exit 2; }
report=$(mktemp)
trap 'rm -f "$report"' EXIT
# One kubeplan run over the folder: exit 1 means findings, anything above that is a failure.
status=0
"${kp[@]}" lint "$dir" --format json >"$report" || status=$?
[ "$status" -le 1 ] || { echo "kubectl-diff: kubeplan failed (exit $status)" >&2; exit 2; }
python3 - "$dir" "$report" <<'PY'
import json, os, re, subprocess, sys
from collections import Counter

folder, report = sys.argv[1], sys.argv[2]
KUBECTL_YAML_ERROR = re.compile(r"error converting YAML to JSON|invalid Yaml document separator|exceeded max depth")
# Where kubeplan is stricter than kubectl on purpose (fuzz/README.md): listed, but no failure.
DELIBERATE = re.compile(r"duplicate key|Kubernetes ignores everything from here")

def key(path):
    return os.path.realpath(path)

kubeplan = {}
for d in json.load(open(report))["diagnostics"]:
    if d["ruleId"] == "yaml-syntax" and d["severity"] == "error":
        kubeplan.setdefault(key(d["file"]), f'{d["line"]}:{d["column"]} {d["message"]}')

def normalise(message):
    message = re.sub(r"^error: (error parsing|unable to decode) \S+?:? ", "", message)
    message = re.sub(r"line \d+", "line N", message)
    message = re.sub(r"^\d+:\d+ ", "", message)
    message = re.sub(r"`[^`]*`|\"[^\"]*\"|'[^']*'", "…", message)
    message = re.sub(r"\d+", "N", message)
    return message[:110]

files = sorted(os.path.join(root, name) for root, dirs, names in os.walk(folder)
               for name in names if name.endswith((".yaml", ".yml")) and not name.startswith("."))
classes = Counter()
differ = deliberate = 0
for path in files:
    run = subprocess.run(["kubectl", "label", "--local", "-f", path, "k=v", "-o", "name"], capture_output=True, text=True, errors="replace")
    refused = [line for line in run.stderr.splitlines() if KUBECTL_YAML_ERROR.search(line)]
    k = "refuses" if refused else "reads"
    mine = kubeplan.get(key(path))
    p = "refuses" if mine else "reads"
    if k != p:
        why = refused[0] if refused else mine
        on_purpose = k == "reads" and DELIBERATE.search(why) is not None
        deliberate += on_purpose
        differ += not on_purpose
        print(f"differs{' (deliberate)' if on_purpose else ''}: {path}  kubectl {k}, kubeplan {p}: {why}")
        classes[(f"kubectl {k}, kubeplan {p}{' (deliberate)' if on_purpose else ''}", normalise(why))] += 1

if classes:
    print("classes of difference:")
    for (direction, message), count in sorted(classes.items(), key=lambda c: (-c[1], c[0])):
        print(f"  {count:5}  {direction}: {message}")
print(f"kubectl-diff: {differ} of {len(files)} files differ, and {deliberate} more where kubeplan is stricter on purpose")
sys.exit(1 if differ else 0)
PY
