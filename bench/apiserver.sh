#!/usr/bin/env bash
# API server benchmark: pod creates over HTTP vs raw store, LIST 10,000 pods, 1,000 watchers. --quick for a short run.
# The load generator is a raw HTTP/1.1 client sending kubectl's create request; --httpclient uses HttpClient instead.
# --metrics / --tracing [--rounds N] [--creates N]: CPU per create of request metrics / of OpenTelemetry tracing (off, ratio 0.01, ratio 1.0) on creates.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/ApiServer/ApiServer.Bench.csproj" -- "$@"
