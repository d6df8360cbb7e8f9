#!/usr/bin/env bash
# Proxy sync benchmark: 10,000 Services x 2 endpoints, nftables full and one-endpoint syncs vs nft -f alone. Needs root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/Proxy/Proxy.Bench.csproj" -- "$@"
