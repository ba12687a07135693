#!/usr/bin/env bash
# Time and memory of one large file, at growing sizes: do they stay linear in the input?
#
# For each size (MB, default 10 25 50 100) the realistic corpus (benchmarks/generate-realistic-corpus.py;
# with --simple, benchmarks/generate-corpus.py) is written and joined into ONE multi-document file
# (files joined with --- lines), then measured, alternating runs so that load from elsewhere hits
# both alike:
#   floor   a bare YamlDotNet event parse of the same bytes (benchmarks/YamlParseFloor), one thread
#   lint    `kubeplan lint FILE --format json` as installed, every rule on, schema validation included
# with /usr/bin/time: wall and CPU (user + system) time and peak resident memory. The baseline is the
# peak memory of `kubeplan --version` (the runtime and the tool's code), measured in the same run.
# Prints, per size, medians and the ratios that must stay flat as the input grows: lint time per MB,
# lint/floor, peak memory as a multiple of the input, and (peak - baseline) as a multiple of the input.
# Ends with how much time/MB and memory/MB grew from the smallest size to the largest.
#
# Packs and installs the tool (as lint-throughput.sh does) unless --tool DIR names one already installed.
# Usage: benchmarks/large-input.sh [MB...] [--runs N] [--simple] [--tool DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NO_COLOR=1
runs=1
simple=
tooldir=
sizes=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --simple) simple=1; shift ;;
    --tool) tooldir=$2; shift 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(10 25 50 100)
out=benchmarks/out
mkdir -p "$out"

if [ -z "$tooldir" ]; then
  tooldir="$out/tool"
  benchmarks/install-tool.sh
fi
dotnet build benchmarks/YamlParseFloor -c Release -o "$out/floor" -v quiet -nologo >/dev/null
tool="$tooldir/kubeplan"

# Writes the single-file input of a size (once; deterministic, so it is reused on later runs).
single_file() {
  local mb=$1 kind dir file
  kind=$([ -n "$simple" ] && echo simple || echo realistic)
  dir="$out/large-$kind-$mb"
  file="$out/large-$kind-$mb.yaml"
  if [ ! -f "$file" ]; then
    rm -rf "$dir"
    if [ -n "$simple" ]; then
      # generate-corpus.py takes documents; about 380 bytes each.
      python3 benchmarks/generate-corpus.py "$dir" "$(awk -v mb="$mb" 'BEGIN { printf "%d", mb * 1048576 / 380 }')" >/dev/null
    else
      python3 benchmarks/generate-realistic-corpus.py "$dir" "$mb"
    fi
    find "$dir" -type f \( -name '*.yaml' -o -name '*.yml' \) | LC_ALL=C sort | while read -r f; do
      printf -- '---\n'
      cat "$f"
      printf '\n'
    done >"$file.tmp"
    mv "$file.tmp" "$file"
    rm -rf "$dir"
  fi
  echo "$file"
}

# One timed run: prints "wall_ms cpu_ms peak_kib".
measure() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M %U %S" -o "$out/time.txt" "$@" >"$out/stdout.txt" 2>"$out/stderr.txt" || true
  end=$(date +%s%N)
  if grep -q 'Command terminated by signal' "$out/time.txt"; then
    echo "benchmark: killed: $*" >&2
    cat "$out/stderr.txt" >&2
    exit 1
  fi
  echo "$(( (end - start) / 1000000 )) $(tail -1 "$out/time.txt" | awk '{ printf "%d %d", ($2 + $3) * 1000, $1 }')"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: >"$out/version.txt"
for _ in $(seq 5); do measure "$tool" --version >>"$out/version.txt"; done
base_kib=$(cut -d' ' -f3 "$out/version.txt" | median)

printf 'kubeplan --version peak memory (the baseline): %d MiB; %d cores; load average %s; medians of %d run(s)\n' \
  $(( base_kib / 1024 )) "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$runs"
printf '%8s %9s %10s %10s %10s %10s %8s %8s %9s %8s %10s %8s\n' \
  "input" "documents" "floor s" "floor CPU" "lint s" "lint CPU" "s/100MB" "x floor" "peak MiB" "x input" "peak-base" "x input"
: >"$out/large-summary.txt"
for mb in "${sizes[@]}"; do
  file=$(single_file "$mb")
  bytes=$(stat -c %s "$file")
  : >"$out/floor.txt"; : >"$out/lint.txt"
  for _ in $(seq "$runs"); do
    measure dotnet "$out/floor/YamlParseFloor.dll" "$file" >>"$out/floor.txt"
    measure "$tool" lint "$file" --format json >>"$out/lint.txt"
  done
  documents=$(grep -o '"documents": [0-9]*' "$out/stdout.txt" | head -1 | grep -o '[0-9]*$' || echo 0)
  floor_ms=$(cut -d' ' -f1 "$out/floor.txt" | median)
  floor_cpu=$(cut -d' ' -f2 "$out/floor.txt" | median)
  lint_ms=$(cut -d' ' -f1 "$out/lint.txt" | median)
  lint_cpu=$(cut -d' ' -f2 "$out/lint.txt" | median)
  lint_kib=$(cut -d' ' -f3 "$out/lint.txt" | median)
  echo "$bytes $lint_cpu $lint_kib" >>"$out/large-summary.txt"
  awk -v bytes="$bytes" -v docs="$documents" -v fms="$floor_ms" -v fcpu="$floor_cpu" -v lms="$lint_ms" -v lcpu="$lint_cpu" \
      -v kib="$lint_kib" -v base="$base_kib" 'BEGIN {
    mib = bytes / 1048576
    printf "%6.1fMB %9d %10.2f %10.2f %10.2f %10.2f %8.2f %8.2f %9.0f %8.2f %10.0f %8.2f\n", mib, docs, fms / 1000, fcpu / 1000,
      lms / 1000, lcpu / 1000, lcpu / 1000 / mib * 100, lcpu / fcpu, kib / 1024, kib * 1024 / bytes, (kib - base) / 1024, (kib - base) * 1024 / bytes
  }'
done
# Growth from the smallest input to the largest: 1.00 is perfectly linear.
sort -n "$out/large-summary.txt" | awk -v base="$base_kib" '
  NR == 1 { b0 = $1; c0 = $2; k0 = $3 - base }
  { b1 = $1; c1 = $2; k1 = $3 - base }
  END {
    if (NR > 1) {
      printf "from %.0f MB to %.0f MB (%.1fx the input): CPU time per byte x%.2f, memory above the baseline per byte x%.2f\n",
        b0 / 1048576, b1 / 1048576, b1 / b0, (c1 / b1) / (c0 / b0), (k1 / b1) / (k0 / b0)
    }
  }'
