#!/usr/bin/env bash
# Hostile-input benchmark: each hostile body (wide, aliased, deep) timed against a benign body of the same size, same run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/ApiServer/ApiServer.Bench.csproj" -- --hostile "$@"
