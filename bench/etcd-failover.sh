#!/usr/bin/env bash
# etcd fail-over benchmark: a 3-member etcd cluster, N writers through one EtcdStore, members killed
# with SIGKILL in turns (follower = baseline, then leader); reports the write gap per kill, as a
# multiple of the election timeout, and the write rate before/after. Options: --writers N (16), --kills N (3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh" >/dev/null
exec dotnet run -c Release --project "$root/bench/Store/Store.Bench.csproj" -- --failover "$@"
