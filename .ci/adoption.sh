#!/usr/bin/env bash
# CI: the adoption features end to end through the installed tool (.ci/run passes its path):
# configuration lookup, suppression with and without --no-inline-ignores, stable fingerprints,
# baselines, several outputs, the rule catalogue as JSON and the pre-commit hook's entry line.
set -euo pipefail
kubeplan=$1
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "ci(adoption): $*" >&2; exit 1; }
expect_exit() {
  local want=$1; shift
  set +e; "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
  [ "$got" -eq "$want" ] || { cat "$work/out" "$work/err" >&2; fail "'$*' exited $got, expected $want"; }
}
contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks: $2"; }; }

# A repository with the settings at its root and the manifests one folder down.
mkdir -p "$work/repo/.git" "$work/repo/k8s"
cd "$work/repo/k8s"
deployment() {  # name, extra metadata lines, a comment line above the container
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\n  namespace: shop\n%bspec:\n  selector:\n    matchLabels: {app: %s}\n  template:\n    metadata:\n      labels: {app: %s}\n    spec:\n      containers:\n%b        - name: %s\n          image: %s:1.0\n          ports: [{containerPort: 8080}]\n          resources: {requests: {cpu: 100m, memory: 64Mi}}\n' \
    "$1" "$2" "$1" "$1" "$3" "$1" "$1"
}
printf 'failOn: warning\n' > "$work/repo/.kubeplan.yaml"

# Found in a parent folder: failOn warning makes a missing readiness probe fail.
deployment web "" "" > web.yaml
expect_exit 1 "$kubeplan" lint web.yaml

# Suppression by annotation and by comment, and what --no-inline-ignores does to them.
deployment web '  annotations:\n    kubeplan.io/ignore: "no-readiness-probe=probed by the mesh"\n' "" > web.yaml
expect_exit 0 "$kubeplan" lint web.yaml
contains "$work/out" "1 suppressed"
expect_exit 1 "$kubeplan" lint web.yaml --no-inline-ignores
deployment web "" "        # kubeplan:ignore no-readiness-probe -- probed by the mesh\n" > web.yaml
expect_exit 0 "$kubeplan" lint web.yaml --format json
contains "$work/out" '"reason": "probed by the mesh"'
expect_exit 1 "$kubeplan" lint web.yaml --no-inline-ignores
# strict: true in the configuration is the same gate.
printf 'failOn: warning\nstrict: true\n' > "$work/repo/.kubeplan.yaml"
expect_exit 1 "$kubeplan" lint web.yaml
# A configuration entry counts with and without inline ignores.
deployment web "" "" > web.yaml
printf 'failOn: warning\nignore:\n  - object: Deployment/shop/w*\n    container: web\n    rules: [no-readiness-probe]\n' > "$work/repo/.kubeplan.yaml"
expect_exit 0 "$kubeplan" lint web.yaml
expect_exit 0 "$kubeplan" lint web.yaml --no-inline-ignores
# An entry that matches nothing is an info at its own line of the configuration.
printf 'failOn: info\nignore:\n  - object: Deployment/prod/web\n    rules: [no-readiness-probe]\n' > "$work/repo/.kubeplan.yaml"
expect_exit 1 "$kubeplan" lint web.yaml
contains "$work/out" "../.kubeplan.yaml:3:5: info unused-suppression"
# A broken configuration: exit 2 with file:line:col.
printf 'profile: paranoid\n' > "$work/repo/.kubeplan.yaml"
expect_exit 2 "$kubeplan" lint web.yaml
contains "$work/err" ".kubeplan.yaml:1:10: profile must be"
printf 'failOn: warning\n' > "$work/repo/.kubeplan.yaml"

# Fingerprints survive an unrelated edit: lines and another object above.
prints() { grep -o '"kubeplanFindingHash/v1": "[0-9a-f]*"' "$1" | sort; }
expect_exit 1 "$kubeplan" lint web.yaml --output sarif="$work/before.sarif"
{ printf '# a comment\n\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n---\n'; cat web.yaml; } > web.edited
mv web.edited web.yaml
expect_exit 1 "$kubeplan" lint web.yaml --output sarif="$work/after.sarif" --output junit="$work/after.xml"
[ -n "$(prints "$work/before.sarif")" ] || fail "no partialFingerprints in the SARIF"
[ "$(prints "$work/before.sarif")" = "$(prints "$work/after.sarif")" ] || fail "fingerprints changed with an unrelated edit"
contains "$work/after.sarif" '"uri": "k8s/web.yaml"'
contains "$work/after.sarif" '"originalUriBaseIds"'
contains "$work/after.xml" "<testsuites"

# Baseline: write, pass, a new finding fails, the fixed one is reported gone.
expect_exit 0 "$kubeplan" lint web.yaml --write-baseline "$work/baseline.json"
expect_exit 0 "$kubeplan" lint web.yaml --baseline "$work/baseline.json"
contains "$work/out" "1 in the baseline, 0 of its findings gone"
deployment api "" "" >> web.yaml.new; { cat web.yaml; printf -- '---\n'; cat web.yaml.new; } > web.tmp; mv web.tmp web.yaml; rm web.yaml.new
expect_exit 1 "$kubeplan" lint web.yaml --baseline "$work/baseline.json" --format sarif
contains "$work/err" "1 in the baseline, 0 of its findings gone"
sed -i 's|          image: web:1.0|          image: web:1.0\n          readinessProbe: {httpGet: {path: /ready, port: 8080}}|' web.yaml
expect_exit 1 "$kubeplan" lint web.yaml --baseline "$work/baseline.json"
contains "$work/out" "0 in the baseline, 1 of its findings gone"
expect_exit 2 "$kubeplan" lint web.yaml --baseline "$work/missing.json"
contains "$work/err" "no such baseline file"
echo '{"version": 1, "findings": [' > "$work/corrupt.json"
expect_exit 2 "$kubeplan" lint web.yaml --baseline "$work/corrupt.json"
contains "$work/err" "not a baseline file"

# The catalogue as JSON.
expect_exit 0 "$kubeplan" rules --format json
contains "$work/out" '"id": "unused-suppression"'
contains "$work/out" '"doc": "rules/unused-suppression.md"'

# The pre-commit hook's entry line, with the installed tool, on a fixture that fires and one that does not.
entry=$(sed -n 's/^ *entry: *//p' "$repo/.pre-commit-hooks.yaml")
[ "${entry%% *}" = kubeplan ] || fail "unexpected hook entry: $entry"
read -r -a args <<< "${entry#kubeplan }"
cd "$repo"
expect_exit 1 "$kubeplan" "${args[@]}" tests/KubePlan.Core.Tests/Fixtures/selector-mismatch/fires-workloads.yaml
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n' > "$work/clean.yaml"
expect_exit 0 "$kubeplan" "${args[@]}" "$work/clean.yaml"
echo "ci(adoption): ok"
