#!/usr/bin/env bash
# CI: the Native AOT kubeplan of the linux-x64 tool package against the managed build packed beside it
# (managed/kubeplan.dll, which AOT hands custom-rule runs to): every verb, every lint format, usage
# errors, the examples, the realistic benchmark corpus (also against its golden report), CRD schemas
# that take the NJsonSchema path, and custom rules from --rules and from the configuration (handed over).
# Standard output, standard error, written files and exit codes must be byte-identical.
# Usage: .ci/aot-compare.sh TOOL_DIR   (where `dotnet tool install --tool-path` put kubeplan)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tooldir=$(cd "$1" && pwd)
aot="$tooldir/kubeplan"
managed=$(find -L "$tooldir/.store" -path '*/managed/kubeplan.dll' | head -1)
if [ -z "$managed" ]; then
  # Packed where no C toolchain was found: the package is the ReadyToRun build alone.
  echo "ci(aot): no Native AOT build in this package; nothing to compare"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
export NO_COLOR=1 KUBEPLAN_CACHE_DIR="$work/cache"

checked=0
fail() { echo "ci(aot): $*" >&2; exit 1; }
# Runs one command line both ways, with the same stdin (-i FILE) and the same files written (-w FILE,
# compared too), and requires equal output, errors, files and exit codes.
same() {
  local input=/dev/null written=()
  while [ $# -gt 0 ]; do
    case $1 in
      -i) input=$2; shift 2 ;;
      -w) written+=("$2"); shift 2 ;;
      *) break ;;
    esac
  done
  local side
  for side in aot managed; do
    local cmd=("$aot")
    [ "$side" = managed ] && cmd=(dotnet "$managed")
    rm -f "${written[@]}"
    set +e; "${cmd[@]}" "$@" <"$input" >"$work/$side.out" 2>"$work/$side.err"; echo $? >"$work/$side.code"; set -e
    local i=0 file
    for file in "${written[@]}"; do cp "$file" "$work/$side.file$i" 2>/dev/null || echo missing >"$work/$side.file$i"; i=$((i + 1)); done
  done
  local part
  for part in code out err $(seq -f 'file%g' 0 $(( ${#written[@]} - 1 ))); do
    [ "${#written[@]}" -eq 0 ] && [[ $part == file* ]] && continue
    if ! cmp -s "$work/aot.$part" "$work/managed.$part"; then
      diff "$work/aot.$part" "$work/managed.$part" | head -20 >&2
      fail "'kubeplan $*': the AOT build's $part differs from the managed build's"
    fi
  done
  checked=$((checked + 1))
}

# The entry point is the native executable, not an apphost over kubeplan.dll.
[ ! -e "$(dirname "$(readlink -f "$aot")")/kubeplan.dll" ] || fail "$aot is not the Native AOT build"

# Start-up, help and usage errors.
same --version
same --help
same
same lnt examples
same Lint examples
same lint
same lint does-not-exist.yaml
same lint examples --format nope
same lint examples --profile paranoid
same lint examples --enable no-such-rule
for verb in lint plan diff fit cron rules; do same "$verb" --help; done

# Lint: the examples in every format, profiles, options, stdin, extra outputs and baselines.
for format in text json sarif junit github; do
  same lint examples --nodes examples/nodes.yaml --format "$format"
done
same lint examples/web.yaml
same -i examples/web.yaml lint -
same -i examples/payments.yaml lint - examples/web.yaml --format json
for profile in minimal strict pss-baseline pss-restricted; do same lint examples --profile "$profile"; done
same lint examples --strict-kinds --fail-on info --kubernetes-version 1.30 -n shop --disable no-readiness-probe --enable no-latest-tag
same lint examples --no-inline-ignores --format json
same -w "$work/report.sarif" -w "$work/report.xml" lint examples --output sarif="$work/report.sarif" --output junit="$work/report.xml"
same -w "$work/baseline.json" lint examples --nodes examples/nodes.yaml --write-baseline "$work/baseline.json"
"$aot" lint examples --nodes examples/nodes.yaml --write-baseline "$work/kept-baseline.json" >/dev/null 2>&1 || true
same lint examples --baseline "$work/kept-baseline.json" --format json
# CRD schemas that take the NJsonSchema path (reflection-based: kept whole in the AOT build).
same lint .ci/aot/crd-fallback.yaml
same lint .ci/aot/crd-fallback.yaml --format json
# The realistic benchmark corpus, which must also still give its golden report.
# (Made where lint-throughput.sh makes it, relative to the folder lint runs in, as the report names files.)
python3 benchmarks/generate-realistic-corpus.py "$work/bench/benchmarks/out/realistic-2" 2 >/dev/null
cd "$work/bench"
same lint benchmarks/out/realistic-2 --format json
cmp -s "$work/aot.out" "$repo/benchmarks/expected/realistic-2.json" || fail "the AOT build's report of the realistic corpus differs from benchmarks/expected/realistic-2.json"
same lint benchmarks/out/realistic-2
cd "$repo"

# Plan, diff, fit, cron and rules.
for format in text json markdown svg; do same plan examples --from 2026-03-08T00:00:00Z --format "$format"; done
same plan examples --scale deploy/web=20 --from 2026-03-08T00:00:00Z
same plan examples/web.yaml --from-replicas 6 --pod-startup 30s
same plan examples --node-count 4 --from 2026-03-08T00:00:00Z
same plan examples --scale nope
mkdir -p "$work/new"
cp examples/*.yaml "$work/new/"
sed -i 's/replicas: \([0-9]*\)/replicas: 7/; s/:1\.\([0-9]\)/:2.\1/' "$work/new/"*.yaml
for format in text markdown json; do same diff examples "$work/new" --format "$format"; done
same diff examples "$work/new" --lint --fail-on rollout,error
same diff --base HEAD examples
same fit examples --nodes examples/nodes.yaml
same fit examples --nodes examples/nodes.yaml --format json
same fit examples
same cron "*/15 9-17 * * 1-5" --time-zone Europe/Berlin --from 2026-03-08T00:00:00Z --count 20
same cron "0 3 * * 0" --from 2026-10-20T00:00:00Z --time-zone America/New_York --format json
same cron "61 * * * *"
same cron "@hourly" --time-zone Mars/Olympus
same rules
same rules --format json
same rules no-latest-tag
same rules probe-identical
same rules custom-rule-failed
same rules nope

# Custom rules: the AOT build hands these runs to the managed build (the same bytes, by construction,
# so this checks the hand-over: arguments, working folder, stdin and exit code pass through).
same lint examples --rules rules/custom/ --nodes examples/nodes.yaml
same lint examples --rules rules/custom/no-latest-tag.cs --format json
same -i examples/web.yaml lint - --rules rules/custom/
same rules --rules rules/custom/
same lint examples --rules does-not-exist.cs
same lint examples --rules rules/custom/ --no-custom-rules
mkdir -p "$work/repo/.git" "$work/repo/k8s"
cp examples/web.yaml examples/payments.yaml "$work/repo/k8s/"
cp -r rules/custom "$work/repo/rules"
printf 'customRules: [rules]\nrules:\n  custom/require-team-label: warning\n' >"$work/repo/.kubeplan.yaml"
cd "$work/repo/k8s"
same lint .
same lint . --format sarif
same rules
same lint . --no-custom-rules
same lint --config ../.kubeplan.yaml .
printf 'customRules: [missing]\n' >"$work/repo/.kubeplan.yaml"
same lint .
cd "$repo"
# SIGTERM, as a CI runner's timeout sends it to the tool alone, is passed on to the managed build,
# which must not be left running: a handed-over run waiting on stdin is stopped by one SIGTERM.
children_of() { local p; for p in /proc/[0-9]*; do [ "$(awk '{ print $4 }' "$p/stat" 2>/dev/null)" = "$1" ] && echo "${p#/proc/}"; done; true; }
mkfifo "$work/stdin"
"$aot" lint - --rules rules/custom/ <"$work/stdin" >/dev/null 2>&1 &
handing=$!
exec 8>"$work/stdin"
child=
for _ in $(seq 100); do child=$(children_of "$handing" | head -1); [ -n "$child" ] && break; sleep 0.1; done
[ -n "$child" ] || fail "the hand-over did not start the managed build"
kill -TERM "$handing"
set +e; wait "$handing"; set -e
for _ in $(seq 100); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$child" 2>/dev/null; then kill -KILL "$child"; fail "after SIGTERM the managed build was left running"; fi
exec 8>&-
# And without the .NET host the hand-over fails plainly, exit 2, while other runs need no runtime.
set +e
env -i PATH=/nonexistent HOME="$work" DOTNET_ROOT= "$aot" lint examples/web.yaml >/dev/null 2>&1; code=$?
[ "$code" -eq 0 ] || [ "$code" -eq 1 ] || fail "without the .NET runtime a lint run exited $code"
set -e
echo "ci(aot): $checked command lines give identical output from the Native AOT and managed builds"
