#!/usr/bin/env bash
# Installs, from Debian's packages and only when missing, what the build and the tests need.
# Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  etcd-server   # real etcd 3.4 for the EtcdStore tests and benchmark
  etcd-client   # etcdctl, for looking at a test etcd by hand
  sqlite3       # the sqlite3 shell, for looking at a state.db by hand
  python3-kubernetes  # Debian's Python client, driven by the e2e tests against our API server
  containerd    # the CRI runtime real nodes drive (a private instance per node; never the system one)
  runc          # containerd's OCI runtime
  containernetworking-plugins  # bridge, host-local, loopback CNI plugins in /usr/lib/cni
  busybox-static  # the one binary the test images are built from
  catatonit     # the pause process of the sandbox image (catatonit -P)
  docker-registry  # a local registry on 127.0.0.1 so that CRI PullImage is exercised for real
  iproute2      # ip, for network namespaces and looking at pod networking
  nftables      # nft, the KubeProxy nftables backend (upstream's GA mode) and the pod-network masquerade
  iptables      # iptables-restore (nf_tables and legacy), the KubeProxy iptables backend
  conntrack     # flushing stale UDP conntrack entries when an endpoint goes away
  dnsmasq-base  # the DNS benchmark's baseline (bench/dns.sh), never run as a service
  openssl       # the in-pod TLS client of the in-cluster-config test (s_client, copied into a hostPath)
  docker.io     # dockerd 20.10 for the compose test (its own daemon in a network namespace, never the system one)
  docker-compose  # docker-compose 1.29, which runs docker-compose.yml in that test
  debootstrap   # scripts/base-image.sh: the local Debian base image (no image registry is reachable)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The package enables a system etcd service; tests start their own etcd on random ports instead.
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is required and is not on PATH" >&2; exit 1; }
command -v etcd >/dev/null || { echo "setup: etcd is still missing after install" >&2; exit 1; }
echo "setup: ok (dotnet $(dotnet --version), $(etcd --version | head -n 1))"
