#!/usr/bin/env python3
"""Findings per workload under each rule profile: how noisy KubePlan is on a given input.

Usage: benchmarks/noise.py KUBEPLAN_DLL PATH [--nodes FILE]
A workload is an object that runs pods (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
ReplicationController, Job, CronJob). Prints one Markdown row per profile: errors, warnings,
infos, findings per workload, and the rules that fire most.
"""
import collections
import json
import os
import re
import subprocess
import sys

PROFILES = ["minimal", "recommended", "strict", "pss-baseline", "pss-restricted"]
WORKLOAD = re.compile(r"^kind:\s*(Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|Job|CronJob)\s*$", re.M)


def workloads(path):
    files = [path] if os.path.isfile(path) else [
        os.path.join(d, f) for d, _, names in os.walk(path) for f in names if f.endswith((".yaml", ".yml"))]
    return sum(len(WORKLOAD.findall(open(f, encoding="utf-8").read())) for f in files if os.path.basename(f) != "nodes.yaml")


def main():
    dll, path = sys.argv[1], sys.argv[2]
    extra = sys.argv[3:]
    count = workloads(path)
    print(f"input: {path}, workloads: {count}\n")
    print("| profile | errors | warnings | infos | findings per workload | most frequent |")
    print("| --- | --- | --- | --- | --- | --- |")
    for profile in PROFILES:
        out = subprocess.run(["dotnet", dll, "lint", path, "--profile", profile, "--format", "json", *extra],
                             capture_output=True, text=True, check=False).stdout
        report = json.loads(out)
        s = report["summary"]
        total = s["errors"] + s["warnings"] + s["infos"]
        top = collections.Counter(d["ruleId"] for d in report["diagnostics"]).most_common(4)
        print(f"| {profile} | {s['errors']} | {s['warnings']} | {s['infos']} | {total / max(count, 1):.2f} | "
              + ", ".join(f"{r} {n}" for r, n in top) + " |")


if __name__ == "__main__":
    main()
