#!/bin/sh
# The compose profile `containerd`'s real node (docs/compose.md): `orchestrator kubelet --runtime containerd` on a
# private containerd under /var/lib/orchestrator-node (a volume), as node containerd-node with the identity
# `orchestrator apiserver init` wrote for it. Runs under catatonit (PID 1 reaps containerd's shims).
set -eu
data=/var/lib/orchestrator-node
cgroup_root=
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  # cgroup v2 (docker gives the container its own cgroup namespace): move this container's processes into a leaf
  # and delegate every controller, so that pod cgroups may use them (no process may sit in an inner cgroup).
  mkdir -p /sys/fs/cgroup/init
  while read -r pid; do echo "$pid" >/sys/fs/cgroup/init/cgroup.procs 2>/dev/null || true; done </sys/fs/cgroup/cgroup.procs
  sed -e 's/ / +/g' -e 's/^/+/' /sys/fs/cgroup/cgroup.controllers >/sys/fs/cgroup/cgroup.subtree_control
else
  # cgroup v1 (the host's cgroup namespace): the pods' cgroups under this container's own, so that docker removes
  # them with the container.
  own="$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3 }' /proc/self/cgroup)"
  cgroup_root="--cgroup-root=${own%/}/orchestrator-pods"
fi

# Pulls of registry:5000/NAME:TAG go to the compose registry over plain HTTP (containerd reads hosts.toml per pull).
mkdir -p "$data/containerd/certs.d/registry:5000"
cat >"$data/containerd/certs.d/registry:5000/hosts.toml" <<TOML
server = "http://registry:5000"

[host."http://registry:5000"]
  capabilities = ["pull", "resolve"]
TOML

exec orchestrator kubelet --runtime=containerd --node-name=containerd-node \
  --kubeconfig=/var/lib/orchestrator/kubeconfigs/kubelet-containerd-node.kubeconfig \
  --root-dir="$data/kubelet" --containerd-state-dir="$data/containerd" $cgroup_root "$@"
