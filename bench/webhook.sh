#!/usr/bin/env bash
# Admission webhook latency: ConfigMap creates at 64 clients with no webhook, one Ignore webhook that fails, one that allows (same run). --quick for a short run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/ApiServer/ApiServer.Bench.csproj" -- --webhook "$@"
