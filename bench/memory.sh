#!/usr/bin/env bash
# Idle memory of `orchestrator up --hollow-nodes 1` and of a separate hollow kubelet (issue 17, Performance).
#   bench/memory.sh [--idle 30] [--ready-to-run] [--against CHECKOUT [--rounds 2]]
# Each process is measured alone: VmRSS, split into anonymous (GC heap, JIT-compiled code, native heaps) and file-backed
# or shared (mapped assemblies and native libraries, the W^X double-mapped code), --idle seconds after ready (up's RSS
# is read before the kubelet starts). Baseline in the same run: an empty .NET console app idling (Thread.Sleep) on the
# same runtime, built into a temp dir: the runtime's own floor; the ratio says how many floors each process costs.
# --ready-to-run also measures a `dotnet publish -p:PublishReadyToRun=true` of the host (precompiled code: less JIT).
# --against CHECKOUT: the same measure of another checkout's launcher build (CHECKOUT/artifacts/orchestrator, built
# by its ./orchestrator; e.g. a `git worktree add` of the commit a change started from) in the same run, --rounds
# rounds in ABBA order; prints both medians (the lower middle round for an even count) and the difference. Without it,
# one round of this checkout.
# DOTNET_ variables in the environment apply to every process, to try a runtime knob without rebuilding, e.g.
#   DOTNET_TieredPGO=0 bench/memory.sh     DOTNET_gcConcurrent=0 bench/memory.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
idle=30 r2r=false against="" rounds=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --idle) idle="$2"; shift 2 ;;
    --ready-to-run) r2r=true; shift ;;
    --against) against="$(cd "$2" && pwd)"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: bench/memory.sh [--idle SECONDS] [--ready-to-run] [--against CHECKOUT [--rounds N]]" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/processes.sh
source "$root/bench/lib/processes.sh"

# wait_for LOG PATTERN PID
wait_for() { for _ in $(seq 1 2400); do grep -q "$2" "$1" && return 0; kill -0 "$3" 2>/dev/null || break; sleep 0.05; done; echo "not ready ($2):" >&2; cat "$1" >&2; return 1; }
kib() { awk -v k="$2" '$1 == k":" {print $2}' "$1"; }
# rss PID: "VmRSS MiB (anon A, file F)"
rss() {
  local anon file
  anon=$(kib "/proc/$1/smaps_rollup" Anonymous)
  file=$(( $(kib "/proc/$1/status" RssFile) + $(kib "/proc/$1/status" RssShmem) ))
  awk -v t="$(kib "/proc/$1/status" VmRSS)" -v a="$anon" -v f="$file" 'BEGIN{printf "%.0f MiB (anon %.0f, file %.0f)", t/1024, a/1024, f/1024}'
}
value() { sed -E 's/^([0-9]+) MiB.*/\1/' <<<"$1"; }
ratio() { awk -v a="$(value "$1")" -v b="$(value "$2")" 'BEGIN{printf "%.1f×", a/b}'; }

# measure LABEL DLL: idle RSS of up, then of a hollow kubelet against it; sets up_rss and kubelet_rss
measure() {
  local label="$1" dll="$2" log="$work/$1.log"
  : >"$log" # exists before the background process opens it: wait_for greps it at once
  dotnet "$dll" up --data-dir "$work/$label" --port "$(free_port)" --bind-address 127.0.0.1 --hollow-nodes 1 --real-node false >"$log" 2>&1 &
  local up=$!; pids+=("$up")
  wait_for "$log" "\] cluster ready" "$up"
  local kubeconfig; kubeconfig="$(grep -oE 'kubeconfig [^ ;]+' "$log" | head -1 | cut -d' ' -f2)"
  sleep "$idle"
  up_rss="$(rss "$up")"
  : >"$work/$label-kubelet.log"
  dotnet "$dll" kubelet --runtime hollow --nodes 1 --name-prefix "memory-$label-" --kubeconfig "$kubeconfig" >"$work/$label-kubelet.log" 2>&1 &
  local kubelet=$!; pids+=("$kubelet")
  wait_for "$work/$label-kubelet.log" "caches synced" "$kubelet"
  sleep "$idle"
  kubelet_rss="$(rss "$kubelet")"
  stop "$kubelet"; stop "$up"
}

echo "# idle memory — $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}'), idle ${idle}s$(env | grep -E '^DOTNET_' | grep -vE '^DOTNET_(CLI_|NOLOGO|GENERATE_|SKIP_|ROOT)' | tr '\n' ' ' | sed 's/^./, &/')"

# Baseline: the runtime's floor.
mkdir -p "$work/empty"
cat >"$work/empty/empty.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><InvariantGlobalization>true</InvariantGlobalization></PropertyGroup></Project>
XML
echo 'System.Console.WriteLine("idle"); System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);' >"$work/empty/Program.cs"
dotnet build "$work/empty/empty.csproj" -c Release -o "$work/empty/out" --nologo -v quiet >/dev/null
: >"$work/empty.log"
dotnet "$work/empty/out/empty.dll" >"$work/empty.log" 2>&1 &
empty=$!; pids+=("$empty")
wait_for "$work/empty.log" idle "$empty"
sleep "$idle"
floor="$(rss "$empty")"; stop "$empty"

rows=()
if [[ -n $against ]]; then
  "$against/orchestrator" help >/dev/null # builds it once if needed, outside the measures
  echo "against: $against ($(git -C "$against" log -1 --format='%h %s' 2>/dev/null || echo 'not a git checkout')), $rounds rounds ABBA"
  dlls=("$root/artifacts/orchestrator/orchestrator.dll" "$against/artifacts/orchestrator/orchestrator.dll")
  declare -A ups=() kubelets=()
  for r in $(seq 1 "$rounds"); do
    order=(0 1); (( r % 2 == 0 )) && order=(1 0)
    for i in "${order[@]}"; do
      measure "build$i-$r" "${dlls[$i]}"
      ups[$i]+="$up_rss|" kubelets[$i]+="$kubelet_rss|"
      echo "round $r, $([[ $i == 0 ]] && echo this || echo against): up $up_rss, kubelet $kubelet_rss"
    done
  done
  # median_of "A MiB (...)|B MiB (...)|": the median row by its MiB figure
  median_of() { tr '|' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
  for i in 0 1; do ups[$i]="$(median_of "${ups[$i]}")" kubelets[$i]="$(median_of "${kubelets[$i]}")"; done
  rows=("up --hollow-nodes 1|${ups[0]}" "up (against)|${ups[1]}" "kubelet --runtime hollow --nodes 1|${kubelets[0]}" "kubelet (against)|${kubelets[1]}")
  diffs="this checkout against $against (medians of $rounds): up $(( $(value "${ups[0]}") - $(value "${ups[1]}") )) MiB, kubelet $(( $(value "${kubelets[0]}") - $(value "${kubelets[1]}") )) MiB"
else
  measure build "$root/artifacts/orchestrator/orchestrator.dll"
  rows=("up --hollow-nodes 1|$up_rss" "kubelet --runtime hollow --nodes 1|$kubelet_rss")
fi
if [[ $r2r == true ]]; then
  dotnet publish "$root/src/Orchestrator/Orchestrator.csproj" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$work/r2r" --nologo -v quiet >/dev/null
  measure r2r "$work/r2r/orchestrator.dll"
  rows+=("up (ReadyToRun publish)|$up_rss" "kubelet (ReadyToRun publish)|$kubelet_rss")
fi

printf '%-36s %-32s %s\n' process "idle RSS" "ratio to the empty app"
printf '%-36s %-32s %s\n' "baseline: empty console app" "$floor" "1.0×"
for row in "${rows[@]}"; do printf '%-36s %-32s %s\n' "${row%%|*}" "${row#*|}" "$(ratio "${row#*|}" "$floor")"; done
if [[ -n ${diffs:-} ]]; then echo "$diffs"; fi
