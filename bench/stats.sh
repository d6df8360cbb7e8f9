#!/usr/bin/env bash
# Kubelet stats benchmark (issue 15): /stats/summary and /metrics/resource cost with N pods (default 50) on one
# containerd node, against /healthz on the same kubelet server in the same run, and the kubelet's RSS with
# --stats false vs true. Needs root and scripts/setup.sh's packages.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/Pods/Pods.Bench.csproj" -- --stats "$@"
