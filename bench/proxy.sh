#!/usr/bin/env bash
# Proxy sync benchmark: 10,000 Services x 2 endpoints, nftables full and one-endpoint syncs vs nft -f alone, then the
# iptables mode (nft and legacy flavors) vs iptables-restore alone (PROXY_BENCH_IPTABLES=0 skips it). Needs root.
# bench/proxy.sh --one-endpoint [services] [rounds]: one-endpoint removals/additions over netlink, their parts, kernel floors.
# bench/proxy.sh --service-overhead [requests] [rounds]: request latency pod -> ClusterIP vs pod -> pod IP, same run.
# bench/proxy.sh hns [services] [rounds]: HNS plan -> HCN documents for 10,000 Services vs the nftables renderer (no root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/Proxy/Proxy.Bench.csproj" -- "$@"
