#!/usr/bin/env bash
# The lint benchmark, with its floor measured in the same run.
#
# Generates the realistic corpus (benchmarks/generate-realistic-corpus.py: large CRDs, Helm
# output over many namespaces, one big multi-document file and many small files), packs the tool
# and installs it with `dotnet tool install` into benchmarks/out/tool, as users get it, then
# measures, alternating runs so that load from elsewhere hits both alike:
#   floor   a bare YamlDotNet event parse of the same bytes (benchmarks/YamlParseFloor), one thread
#   lint    `kubeplan lint CORPUS --format json`, every rule on, schema validation included
# and, for start-up, `kubeplan --version` and `kubeplan lint examples/web.yaml` (one small file,
# schema validation on) against their own floor, a console app that prints one line, published
# like the tool's linux-x64 package (benchmarks/StartupFloor), alternating runs. Prints medians,
# the lint/floor and start-up/floor ratios, CPU use and peak memory against the input's size.
# Every run's report must be byte-identical, also to a run on one thread (DOTNET_PROCESSOR_COUNT=1);
# with --expect FILE it must also equal FILE (a golden report of that corpus, such as
# benchmarks/expected/realistic-2.json, its findings unchanged since before the speed work).
#
# With --tool DIR, the kubeplan already installed in DIR is measured (CI passes the one it installed).
# With --max-peak MIB, the benchmark fails when the lint's median peak memory exceeds MIB (CI's guard
# against memory regressions, such as a collector whose youngest generation follows the CPU cache).
# Usage: benchmarks/lint-throughput.sh [MEGABYTES] [RUNS] [--expect FILE] [--tool DIR] [--max-peak MIB]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1
megabytes=24
runs=5
expect=
tooldir=
max_peak_mib=
positional=()
while [ $# -gt 0 ]; do
  case $1 in
    --expect) expect=$2; shift 2 ;;
    --tool) tooldir=$2; shift 2 ;;
    --max-peak) max_peak_mib=$2; shift 2 ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ ${#positional[@]} -gt 0 ] && megabytes=${positional[0]}
[ ${#positional[@]} -gt 1 ] && runs=${positional[1]}
out=benchmarks/out
corpus="$out/realistic-$megabytes"
mkdir -p "$out"
[ -d "$corpus" ] || python3 benchmarks/generate-realistic-corpus.py "$corpus" "$megabytes"

if [ -z "$tooldir" ]; then
  tooldir="$out/tool"
  benchmarks/install-tool.sh
fi
dotnet build benchmarks/YamlParseFloor -c Release -o "$out/floor" -v quiet -nologo >/dev/null
dotnet publish benchmarks/StartupFloor -c Release -o "$out/startup-floor" -v quiet -nologo >/dev/null
tool="$tooldir/kubeplan"
input_bytes=$(find "$corpus" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -printf '%s\n' | awk '{ s += $1 } END { print s }')

# One timed run: prints "wall_ms cpu_percent peak_kib cpu_ms" (cpu_ms: user + system time).
measure() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%P %M %U %S" -o "$out/time.txt" "$@" >"$out/stdout.txt" 2>"$out/stderr.txt" || true
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(tr -d '%' <"$out/time.txt" | tail -1 | awk '{ printf "%s %s %d", $1, $2, ($3 + $4) * 1000 }')"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# CPU time the hypervisor took from this machine while the floor and the lint ran (the "steal" column of
# /proc/stat): a lint on every core loses more to it than the one-thread floor, so the ratio means little without it.
cpu_times() { [ -r /proc/stat ] && awk '/^cpu / { print $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat || echo "0 0"; }
: >"$out/floor.txt"; : >"$out/lint.txt"; : >"$out/version.txt"; : >"$out/small.txt"; : >"$out/hello.txt"
read -r steal_before total_before <<<"$(cpu_times)"
for i in $(seq "$runs"); do
  measure dotnet "$out/floor/YamlParseFloor.dll" "$corpus" >>"$out/floor.txt"
  measure "$tool" lint "$corpus" --format json >>"$out/lint.txt"
  if [ "$i" = 1 ]; then
    cp "$out/stdout.txt" "$out/report.json"
  elif ! cmp -s "$out/stdout.txt" "$out/report.json"; then
    echo "benchmark: run $i's report differs from run 1's: output is not deterministic" >&2
    exit 1
  fi
done
read -r steal_after total_after <<<"$(cpu_times)"
steal_percent=$(awk -v s=$((steal_after - steal_before)) -v t=$((total_after - total_before)) 'BEGIN { printf "%.1f", (t > 0 ? 100 * s / t : 0) }')
# The same lint on one thread must give the same bytes as on every core.
DOTNET_PROCESSOR_COUNT=1 "$tool" lint "$corpus" --format json >"$out/report-one-thread.json" || true
if ! cmp -s "$out/report-one-thread.json" "$out/report.json"; then
  echo "benchmark: the report on one thread differs from the report on $(nproc) cores" >&2
  exit 1
fi
# Start-up: more runs, since each is short and the machine's load makes single runs noisy.
for _ in $(seq $(( runs * 4 > 10 ? runs * 4 : 10 ))); do
  measure "$out/startup-floor/StartupFloor" >>"$out/hello.txt"
  measure "$tool" --version >>"$out/version.txt"
  measure "$tool" lint examples/web.yaml >>"$out/small.txt"
done

floor_ms=$(cut -d' ' -f1 "$out/floor.txt" | median)
floor_cpu_ms=$(cut -d' ' -f4 "$out/floor.txt" | median)
lint_cpu_ms=$(cut -d' ' -f4 "$out/lint.txt" | median)
version_cpu_ms=$(cut -d' ' -f4 "$out/version.txt" | median)
small_cpu_ms=$(cut -d' ' -f4 "$out/small.txt" | median)
lint_ms=$(cut -d' ' -f1 "$out/lint.txt" | median)
lint_cpu=$(cut -d' ' -f2 "$out/lint.txt" | median)
lint_kib=$(cut -d' ' -f3 "$out/lint.txt" | median)
version_ms=$(cut -d' ' -f1 "$out/version.txt" | median)
small_ms=$(cut -d' ' -f1 "$out/small.txt" | median)
hello_ms=$(cut -d' ' -f1 "$out/hello.txt" | median)
hello_cpu_ms=$(cut -d' ' -f4 "$out/hello.txt" | median)
documents=$(grep -o '"documents": [0-9]*' "$out/report.json" | head -1 | grep -o '[0-9]*$')
awk -v mb="$megabytes" -v bytes="$input_bytes" -v docs="$documents" -v runs="$runs" -v floor="$floor_ms" -v lint="$lint_ms" \
    -v cpu="$lint_cpu" -v kib="$lint_kib" -v version="$version_ms" -v small="$small_ms" -v cores="$(nproc)" \
    -v fcpu="$floor_cpu_ms" -v lcpu="$lint_cpu_ms" -v vcpu="$version_cpu_ms" -v scpu="$small_cpu_ms" \
    -v hello="$hello_ms" -v hcpu="$hello_cpu_ms" 'BEGIN {
  printf "corpus: realistic %s MB: %.1f MiB, %d documents; medians of %d runs; %d cores; load average %s; steal %s%%\n", mb, bytes / 1048576, docs, runs, cores, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'", "'"$steal_percent"'"
  printf "floor (YamlDotNet event parse, one thread, process):  %.2f s wall, %.2f s CPU\n", floor / 1000, fcpu / 1000
  printf "lint, all rules, json:                                %.2f s wall = %.2fx the floor; %.2f s CPU = %.2fx; CPU %d%% (of %d00%%)\n", lint / 1000, lint / floor, lcpu / 1000, lcpu / fcpu, cpu, cores
  printf "lint peak memory:                                     %.0f MiB = %.2fx the input\n", kib / 1024, kib * 1024 / bytes
  printf "start-up floor (console app printing one line):       %d ms wall, %d ms CPU\n", hello, hcpu
  printf "kubeplan --version:                                   %d ms wall = %.2fx the start-up floor; %d ms CPU = %.2fx\n", version, version / hello, vcpu, vcpu / hcpu
  printf "kubeplan lint examples/web.yaml (schema on):          %d ms wall = %.2fx the start-up floor; %d ms CPU = %.2fx\n", small, small / hello, scpu, scpu / hcpu
}'
if [ -n "$expect" ]; then
  if ! cmp -s "$out/report.json" "$expect"; then
    echo "benchmark: the report differs from $expect" >&2
    diff <(head -c 2000000 "$expect") <(head -c 2000000 "$out/report.json") | head -20 >&2
    exit 1
  fi
  echo "report: identical to $expect"
fi
if [ -n "$max_peak_mib" ]; then
  if [ "$lint_kib" -gt $(( max_peak_mib * 1024 )) ]; then
    echo "benchmark: the lint's peak memory, $(( lint_kib / 1024 )) MiB, is above the $max_peak_mib MiB allowed" >&2
    exit 1
  fi
  echo "peak memory: within $max_peak_mib MiB"
fi
