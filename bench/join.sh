#!/usr/bin/env bash
# `orchestrator join` → node Ready (issue 13, goal ≤ 10 s): one control plane (`up --real-node false`), then RUNS
# real nodes joined one after another, each from a fresh network namespace on a LAN bridge with a fresh data
# directory (`nsenter --net=NODE orchestrator join ... --runtime containerd`: discovery, CSR, containerd start,
# registration, podCIDR, pod network, Ready), alternating with hollow joins (`--runtime hollow`, the same protocol
# without containerd or a pod network) as the same-run baseline. Prints every run and the medians.
# Usage: bench/join.sh [RUNS]   (default 5; needs root, iproute2, nsenter, containerd)
set -euo pipefail
# Job control: background jobs keep SIGINT (a non-interactive shell starts them with SIGINT ignored), so Ctrl-C stops a
# node cleanly (its containerd too).
set -m
runs="${1:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$root/src/Orchestrator/Orchestrator.csproj" -c Release --nologo -v quiet >/dev/null
orchestrator=(dotnet "$root/src/Orchestrator/bin/Release/net10.0/orchestrator.dll")

suffix="$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
work="$(mktemp -d /tmp/orc-bench-join-XXXXXX)"
lan="orc-bl-$suffix"
uplink="orcb-$suffix"
pids=()
namespaces=()

# Networks outside NetworkAllocator's 10.64–10.250 range, so concurrent test clusters never pick them; checked
# against this host's addresses and routes anyway.
in_use() { ip -4 -o addr; ip -4 route; }
subnet=""
for third in $(shuf -i 0-255); do
    if ! in_use | grep -q "10\.252\.$third\."; then subnet="10.252.$third"; break; fi
done
cluster_cidr=""
for second in 251 253 254; do
    if ! in_use | grep -q "10\.$second\."; then cluster_cidr="10.$second.0.0/16"; break; fi
done
[[ -n "$subnet" && -n "$cluster_cidr" ]] || { echo "no free networks in 10.252.x.0/24 and 10.251/253/254.0.0/16" >&2; exit 1; }

cleanup() {
    for pid in "${pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
    ip netns del "$lan" 2>/dev/null || true
    ip link del "$uplink" 2>/dev/null || true
    # A node that was killed leaves its containerd's mounts: unmount before removing its data.
    grep -o " $work[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$lan"
ip -n "$lan" link add physnet type bridge
ip -n "$lan" addr add "$subnet.1/24" dev physnet
ip -n "$lan" link set physnet up
ip link add "$uplink" type veth peer name uplink netns "$lan"
ip addr add "$subnet.254/24" dev "$uplink"
ip link set "$uplink" up
ip -n "$lan" link set uplink master physnet up

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"${orchestrator[@]}" up --data-dir "$work/cp" --port "$port" --real-node false --bind-address 0.0.0.0 \
    --advertise-address "$subnet.254" --cluster-cidr "$cluster_cidr" >"$work/up.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do grep -q -- "--discovery-token-ca-cert-hash" "$work/up.log" && break; sleep 0.1; done
hash="$(grep -o -- '--discovery-token-ca-cert-hash sha256:[0-9a-f]*' "$work/up.log" | awk '{print $2}')"
[[ -n "$hash" ]] || { echo "up did not print its join line:" >&2; cat "$work/up.log" >&2; exit 1; }
token="$("${orchestrator[@]}" token create --kubeconfig "$work/cp/kubeconfig" --description bench-join)"
export KUBECONFIG="$work/cp/kubeconfig"

# Milliseconds from `date +%s%N` until node $1 is Ready as the API reports it (polled every 50 ms, 120 s at most).
wait_ready() {
    local start="$1" name="$2"
    for _ in $(seq 1 2400); do
        if kubectl get node "$name" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -q True; then
            echo $(( ($(date +%s%N) - start) / 1000000 ))
            return
        fi
        sleep 0.05
    done
    echo "node $name not Ready within 120 s" >&2
    return 1
}

# Stops a join (Ctrl-C: the node stops its containerd) and waits for it.
stop() {
    kill -INT "$1" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
}

real=()
hollow=()
server="https://$subnet.254:$port"
for i in $(seq 1 "$runs"); do
    ns="orc-bn-$suffix-$i"
    ip netns add "$ns"
    namespaces+=("$ns")
    ip -n "$lan" link add "v$i" type veth peer name eth0 netns "$ns"
    ip -n "$lan" link set "v$i" master physnet up
    ip -n "$ns" addr add "$subnet.$((1 + i))/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" route add default via "$subnet.1"

    start="$(date +%s%N)"
    nsenter --net="/run/netns/$ns" "${orchestrator[@]}" join --server "$server" --token "$token" --discovery-token-ca-cert-hash "$hash" \
        --runtime containerd --node-name "bench-real-$i" --data-dir "$work/real-$i" --cluster-cidr "$cluster_cidr" >"$work/real-$i.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    ms="$(wait_ready "$start" "bench-real-$i")" || { tail -20 "$work/real-$i.log" >&2; exit 1; }
    real+=("$ms")
    stop "$pid"

    start="$(date +%s%N)"
    "${orchestrator[@]}" join --server "$server" --token "$token" --discovery-token-ca-cert-hash "$hash" \
        --runtime hollow --node-name "bench-hollow-$i" --data-dir "$work/hollow-$i" >"$work/hollow-$i.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    ms_hollow="$(wait_ready "$start" "bench-hollow-$i")" || { tail -20 "$work/hollow-$i.log" >&2; exit 1; }
    hollow+=("$ms_hollow")
    stop "$pid"
    echo "run $i: real containerd node ${ms} ms, hollow node ${ms_hollow} ms (load average $(cut -d' ' -f1 /proc/loadavg))"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m_real="$(median "${real[@]}")"
m_hollow="$(median "${hollow[@]}")"
echo "join → Ready, median of $runs: real containerd node ${m_real} ms, hollow node ${m_hollow} ms; real / hollow = $(awk -v a="$m_real" -v b="$m_hollow" 'BEGIN {printf "%.1f", a / b}')x"
