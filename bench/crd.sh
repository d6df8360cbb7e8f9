#!/usr/bin/env bash
# Custom resources: CRD create → kind usable by kubectl, and CR creates/s at 64 clients vs ConfigMap creates in the same run. --quick for a short run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/ApiServer/ApiServer.Bench.csproj" -- --crd "$@"
