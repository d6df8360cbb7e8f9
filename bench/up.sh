#!/usr/bin/env bash
# `orchestrator up` start → ready with a warm build, and its idle RSS (issue 17, item 5).
#   bench/up.sh [--runs 5] [--idle 60] [--real-node] [--against CHECKOUT]
# Start → ready: from launching `./orchestrator up --hollow-nodes 1` (the launcher, with its runtime settings; built
# beforehand) to its "cluster ready" line, median of --runs runs (a fresh data directory each: PKI created every time).
# "Ready" is what that line promises: the API server serves HTTPS (the components' own clients have used it), the
# controller manager and scheduler run, every node is registered with its conditions posted (a hollow node is Ready
# from registration), default/default ServiceAccount exists (pods can be created) and the join objects are written.
# The baseline, measured in the same run, is `./orchestrator help` (launcher and runtime start-up, no cluster): the
# ratio says what the cluster adds. The CPU time the process spent until ready (ORCHESTRATOR_STARTUP_TRACE's figure)
# is printed too: on a shared machine it moves far less with the load than the wall-clock time does.
# Idle RSS: VmRSS of the up process --idle seconds after ready. --real-node adds the same with the default real
# containerd node (needs root and scripts/setup.sh's packages). The per-step times of the last run are printed too.
# --against CHECKOUT: the same measure, in the same run, of another checkout's launcher (e.g. a `git worktree add` of
# the commit a change started from), rounds alternating ABBA; each figure is printed for both with the ratio.
# Also checks the ./orchestrator launcher does not rebuild after a plain `dotnet build` (sources unchanged).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5 idle=60 real=false against=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    --real-node) real=true; shift ;;
    --against) against="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: bench/up.sh [--runs N] [--idle SECONDS] [--real-node] [--against CHECKOUT]" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib/processes.sh
source "$root/bench/lib/processes.sh"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# up_once LAUNCHER DIR ARGS... : starts up, prints "<ms to ready> <pid> <cpu seconds at ready>", leaves it running; the log is DIR.log
up_once() {
  local launcher="$1" dir="$2"; shift 2
  : >"$dir.log" # exists before the background process opens it: the wait loop greps it at once
  local start; start=$(now_ms)
  # The launcher execs dotnet: $! is the up process itself.
  ORCHESTRATOR_STARTUP_TRACE=1 "$launcher" up --data-dir "$dir" --port "$(free_port)" --bind-address 127.0.0.1 "$@" >"$dir.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 1200); do
    if grep -q "\] cluster ready" "$dir.log"; then
      echo "$(( $(now_ms) - start )) $pid $(grep -oE '\] cluster ready \(cpu [0-9.]+' "$dir.log" | grep -oE '[0-9.]+$')"; return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  echo "up did not become ready:" >&2; cat "$dir.log" >&2; stop "$pid"; return 1
}

# stop PID: up runs in a subshell's background, so it is no child of this shell to wait for: poll until it is gone.

echo "# up start → ready — $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
base=()
for i in $(seq 1 "$runs"); do s=$(now_ms); "$root/orchestrator" help >/dev/null; base+=($(( $(now_ms) - s ))); done
base_ms=$(printf '%s\n' "${base[@]}" | median)
echo "baseline: ./orchestrator help, median of $runs: ${base_ms} ms"

if [[ -n $against ]]; then
  "$against/orchestrator" help >/dev/null # builds it once if needed, outside the timings
  echo "against: $against ($(git -C "$against" log -1 --format='%h %s' 2>/dev/null || echo 'not a git checkout'))"
fi

# measure LABEL ARGS... : --runs rounds (ABBA with --against), then the idle RSS of each launcher's last run.
measure() {
  local label="$1"; shift
  local launchers=("$root/orchestrator") names=("$label") i r
  if [[ -n $against ]]; then launchers+=("$against/orchestrator"); names+=("$label (against)"); fi
  local -A times=() cpus=() last=() ready=()
  for r in $(seq 1 "$runs"); do
    local order=("${!launchers[@]}")
    if (( r % 2 == 0 )); then order=($(printf '%s\n' "${order[@]}" | sort -rn)); fi
    for i in "${order[@]}"; do
      local ms pid cpu
      read -r ms pid cpu < <(up_once "${launchers[$i]}" "$work/$label-$i-$r" "$@")
      pids+=("$pid")
      times[$i]+="$ms " cpus[$i]+="$cpu "
      if [[ $r -lt $runs ]]; then stop "$pid"; else last[$i]=$pid ready[$i]=$(now_ms); fi
    done
  done
  local med=() cpu_med=()
  for i in "${!launchers[@]}"; do
    med[$i]=$(printf '%s\n' ${times[$i]} | median)
    cpu_med[$i]=$(printf '%s\n' ${cpus[$i]} | median)
    echo "${names[$i]}: start → ready median of $runs: ${med[$i]} ms (runs: ${times[$i]% }); ratio to baseline $(awk -v a="${med[$i]}" -v b="$base_ms" 'BEGIN{printf "%.1f", a/b}')×"
    echo "${names[$i]}: CPU time until ready median of $runs: ${cpu_med[$i]} s (runs: ${cpus[$i]% })"
  done
  echo "  steps of the last run:"; grep -E "^orchestrator up: \[" "$work/$label-0-$runs.log" | sed 's/^orchestrator up: /    /'
  local rss=()
  for i in "${!launchers[@]}"; do
    local wait_ms=$(( ready[$i] + idle * 1000 - $(now_ms) ))
    (( wait_ms > 0 )) && sleep "$(awk -v m="$wait_ms" 'BEGIN{printf "%.3f", m/1000}')"
    rss[$i]=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/${last[$i]}/status")
    echo "${names[$i]}: idle RSS ${idle}s after ready: ${rss[$i]} MB ($(awk '/^Anonymous/ {printf "anonymous %.0f MB", $2/1024}' "/proc/${last[$i]}/smaps_rollup"))"
  done
  for i in "${!launchers[@]}"; do stop "${last[$i]}"; done
  if [[ -n $against ]]; then
    echo "$label: this checkout against $against: start → ready $(awk -v a="${med[0]}" -v b="${med[1]}" 'BEGIN{printf "%.2f", a/b}')×, CPU until ready $(awk -v a="${cpu_med[0]}" -v b="${cpu_med[1]}" 'BEGIN{printf "%.2f", a/b}')×, idle RSS $(( rss[0] - rss[1] )) MB"
  fi
}

measure hollow --hollow-nodes 1 --real-node false
if [[ $real == true ]]; then measure real-node --real-node true; fi

# The launcher must not rebuild after a build that changed no source (obj/ and bin/ are rewritten, sources not).
dotnet build "$root/src/Orchestrator/Orchestrator.csproj" -c Release --nologo -v quiet >/dev/null
s=$(now_ms)
if "$root/orchestrator" help 2>&1 >/dev/null | grep -q "building"; then echo "launcher: REBUILT after dotnet build with unchanged sources" >&2; exit 1; fi
echo "launcher: no rebuild after dotnet build (./orchestrator help: $(( $(now_ms) - s )) ms)"
