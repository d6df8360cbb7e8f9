#!/usr/bin/env bash
# RBAC decision cost per request: 1,000 roles + 1,000 bindings vs the empty policy. --quick for a short run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/Rbac/Rbac.Bench.csproj" -- "$@"
