#!/usr/bin/env bash
# Control-plane benchmarks: scheduler throughput (SchedulingBasic), 1,000-replica Deployment convergence,
# 5,000 hollow nodes cold start and memory. --quick for a short run; name parts to run only them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/Cluster/Cluster.Bench.csproj" -- "$@"
