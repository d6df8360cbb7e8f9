#!/usr/bin/env bash
# Store benchmark: SqliteStore and EtcdStore vs raw etcd puts, one run. Pass --quick for a short run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh" >/dev/null
exec dotnet run -c Release --project "$root/bench/Store/Store.Bench.csproj" -- "$@"
