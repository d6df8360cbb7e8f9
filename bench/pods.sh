#!/usr/bin/env bash
# Real-node benchmarks (issue 5): pod startup latency, create -> Running, against raw CRI in the same
# run, and the kubelet's memory with 0 and N pods. Needs root and scripts/setup.sh's packages.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/Pods/Pods.Bench.csproj" -- "$@"
