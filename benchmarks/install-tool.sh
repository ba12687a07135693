#!/usr/bin/env bash
# Packs the tool and installs it with `dotnet tool install` into benchmarks/out/tool, as users get
# it (on this machine the linux-x64 package: the Native AOT kubeplan, with the managed ReadyToRun
# build beside it for runs with custom rules). The benchmarks measure this install.
# Usage: benchmarks/install-tool.sh   (prints nothing; the tool is benchmarks/out/tool/kubeplan)
set -euo pipefail
cd "$(dirname "$0")/.."
out=benchmarks/out
mkdir -p "$out"
version=$(sed -n 's|.*<Version>\(.*\)</Version>.*|\1|p' Directory.Build.props)
rm -rf "$out/pkg" "$out/tool" "$out/nuget"
dotnet pack src/KubePlan.Cli -c Release -o "$out/pkg" -v quiet -nologo >/dev/null
# A private package folder: a package of the same version cached earlier must not be reused.
NUGET_PACKAGES="$PWD/$out/nuget" dotnet tool install KubePlan --version "$version" --tool-path "$out/tool" --add-source "$out/pkg" >/dev/null
