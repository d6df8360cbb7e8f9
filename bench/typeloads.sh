#!/usr/bin/env bash
# What fills the runtime's loader heaps (issue 17, idle RSS): the types a process loads and the methods the JIT
# compiles, counted by namespace from the runtime's own events through a startup hook (bench/TypeLoads).
#   bench/typeloads.sh [--seconds 30] [--kubelet]
# Default: `orchestrator up --hollow-nodes 1` (the launcher's build), summarized --seconds after it starts. --kubelet:
# a separate hollow kubelet (`orchestrator kubelet --runtime hollow --nodes 1`) against an `up --hollow-nodes 0`, the
# hook in the kubelet only. Prints the summary; the type names in load order are kept in bench/TypeLoads/last.order
# (which type's first load follows which shows who loaded a burst, e.g. a GetTypes() over a whole assembly).
# Each loaded type costs the loader heaps about 1 KiB, which the W^X memfd mapping shows in RSS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=30 kubelet=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --kubelet) kubelet=true; shift ;;
    *) echo "usage: bench/typeloads.sh [--seconds N] [--kubelet]" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/processes.sh
source "$root/bench/lib/processes.sh"
hook="$work/hook"
dotnet build "$root/bench/TypeLoads/TypeLoads.Bench.csproj" -c Release -o "$hook" --nologo -v quiet >/dev/null
dll="$root/artifacts/orchestrator/orchestrator.dll"
out="$work/typeloads.txt"

# wait_for LOG PATTERN PID
wait_for() { for _ in $(seq 1 2400); do grep -q "$2" "$1" && return 0; kill -0 "$3" 2>/dev/null || break; sleep 0.05; done; echo "not ready ($2):" >&2; cat "$1" >&2; return 1; }

: >"$work/up.log"
if $kubelet; then
  dotnet "$dll" up --data-dir "$work/data" --port "$(free_port)" --bind-address 127.0.0.1 --hollow-nodes 0 --real-node false >"$work/up.log" 2>&1 &
  up=$!; pids+=("$up")
  wait_for "$work/up.log" "\] cluster ready" "$up"
  kubeconfig="$(grep -oE 'kubeconfig [^ ;]+' "$work/up.log" | head -1 | cut -d' ' -f2)"
  DOTNET_STARTUP_HOOKS="$hook/Orchestrator.Bench.TypeLoads.dll" TYPELOADS_SECONDS="$seconds" TYPELOADS_OUT="$out" \
    dotnet "$dll" kubelet --runtime hollow --nodes 1 --name-prefix typeloads- --kubeconfig "$kubeconfig" >"$work/kubelet.log" 2>&1 &
  pids+=("$!"); traced=$!; what="kubelet --runtime hollow --nodes 1"
else
  DOTNET_STARTUP_HOOKS="$hook/Orchestrator.Bench.TypeLoads.dll" TYPELOADS_SECONDS="$seconds" TYPELOADS_OUT="$out" \
    dotnet "$dll" up --data-dir "$work/data" --port "$(free_port)" --bind-address 127.0.0.1 --hollow-nodes 1 --real-node false >"$work/up.log" 2>&1 &
  pids+=("$!"); traced=$!; what="up --hollow-nodes 1"
fi

for _ in $(seq 1 $(( (seconds + 60) * 10 ))); do [[ -s $out ]] && break; kill -0 "$traced" 2>/dev/null || break; sleep 0.1; done
[[ -s $out ]] || { echo "no summary from the hook" >&2; exit 1; }
sleep 1 # the .order file is written after the summary
echo "# types loaded and methods JIT-compiled — $(date -u '+%Y-%m-%d %H:%M') UTC, $what, ${seconds}s after start"
cat "$out"
cp "$work/typeloads.order" "$root/bench/TypeLoads/last.order" 2>/dev/null && echo "load order: bench/TypeLoads/last.order"
