# Sourced by bench/up.sh and bench/memory.sh (after they set $root): the launcher built once, a scratch
# directory $work and the PIDs in $pids stopped and removed on exit, and the small process helpers both use.

"$root/orchestrator" help >/dev/null # builds once if needed
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do stop "$p"; done; rm -rf "$work"; }
trap cleanup EXIT

# A free loopback TCP port.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# stop PID: SIGTERM, up to 10 s to exit, then SIGKILL.
stop() { kill "$1" 2>/dev/null || true; for _ in $(seq 1 200); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.05; done; kill -9 "$1" 2>/dev/null || true; }
