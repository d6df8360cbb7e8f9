#!/usr/bin/env bash
# Cluster DNS benchmark: queries per second and p99 over loopback for 1,000 Service names, against Debian's dnsmasq
# serving the same names from a hosts file, same client, same run. --quick for a short run. Needs dnsmasq.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v dnsmasq >/dev/null || { echo "dns.sh: dnsmasq is not installed (apt-get install dnsmasq-base)" >&2; exit 1; }
exec dotnet run -c Release --project "$root/bench/Dns/Dns.Bench.csproj" -- "$@"
