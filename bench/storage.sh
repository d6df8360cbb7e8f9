#!/usr/bin/env bash
# Real-node storage benchmark (issue 15): a local-path claim + pod, create -> Bound -> Running, against a pod
# without a volume in the same run (alternating). Needs root and scripts/setup.sh's packages.
# bench/storage.sh [--pods N] [--trace]   (--trace prints each claim's steps with their times)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/Pods/Pods.Bench.csproj" -- --claims "${@}"
