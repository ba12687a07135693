#!/usr/bin/env bash
# Writes N mutants (default 1000) of the fuzz seed corpus (examples/, the test fixtures and the
# regression inputs) with a fixed seed (default 15) into OUT (default fuzz/out/mutants, not tracked):
# the same seed gives the same files. The mutations are the fuzz harness's own (KubePlan.Fuzz
# --replay --write): deleted and inserted bytes, YAML tokens (---, ..., tabs, tags, anchors, BOMs,
# invalid UTF-8), duplicated lines, shifted indentation, truncation, joined documents.
#
#   fuzz/mutants/generate.sh [N] [SEED] [OUT]  &&  fuzz/kubectl-diff.sh fuzz/out/mutants
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000}
seed=${2:-15}
out=${3:-fuzz/out/mutants}
rm -rf "$out"
dotnet build fuzz/KubePlan.Fuzz -c Release -v q --nologo >/dev/null
dotnet fuzz/KubePlan.Fuzz/bin/Release/net10.0/KubePlan.Fuzz.dll --replay examples tests/KubePlan.Core.Tests/Fixtures tests/KubePlan.Core.Tests/Manifests/Robustness \
  --iterations "$n" --seed "$seed" --write "$out"
