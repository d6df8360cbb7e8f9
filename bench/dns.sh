#!/usr/bin/env bash
# Cluster DNS benchmark: queries per second and p99 over loopback for 1,000 Service names, against Debian's dnsmasq
# serving the same names from a hosts file, same client, same run. --quick for a short run. Needs dnsmasq.
# The client is one thread polling 16 sockets; --async-client: 16 async tasks (the runs before 2026-12-07);
# --dnsperf: DNS-OARC's dnsperf (apt-get install dnsperf). DNS_BENCH_VARIANTS="batch:2,single:4" measures
# several of our server set-ups in the same run (recvmmsg batches or a datagram per call; receive threads).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v dnsmasq >/dev/null || { echo "dns.sh: dnsmasq is not installed (apt-get install dnsmasq-base)" >&2; exit 1; }
exec dotnet run -c Release --project "$root/bench/Dns/Dns.Bench.csproj" -- "$@"
