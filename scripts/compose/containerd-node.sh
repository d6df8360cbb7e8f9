#!/bin/sh
# The compose profile `containerd`'s real node (docs/compose.md): `orchestrator kubelet --runtime containerd` on a
# private containerd under /var/lib/orchestrator-node (a volume), as node containerd-node with the identity
# `orchestrator apiserver init` wrote for it. Runs under catatonit (PID 1 reaps containerd's shims).
set -eu
data=/var/lib/orchestrator-node
# docker binds /proc/sys read-only (`--security-opt systempaths=unconfined` is the docker CLI's, which compose
# cannot pass): the node sets forwarding in its own network namespace, the CNI bridge plugin too.
mount -o remount,bind,rw /proc/sys
cgroup_root=
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  # cgroup v2 (docker gives the container its own cgroup namespace, mounted read-only): writable, this container's
  # processes moved into a leaf and every controller delegated, so that pod cgroups may use them (kind's
  # entrypoint does the same; no process may sit in an inner cgroup).
  mount -o remount,rw /sys/fs/cgroup
  mkdir -p /sys/fs/cgroup/init
  while read -r pid; do echo "$pid" >/sys/fs/cgroup/init/cgroup.procs 2>/dev/null || true; done </sys/fs/cgroup/cgroup.procs
  sed -e 's/ / +/g' -e 's/^/+/' /sys/fs/cgroup/cgroup.controllers >/sys/fs/cgroup/cgroup.subtree_control
else
  # cgroup v1 (the host's cgroup namespace): docker mounted each hierarchy read-only at this container's cgroup;
  # mounted again whole and writable (as `privileged` does), the pods' cgroups go under this container's own, so
  # that docker removes them with the container.
  # mountinfo: the file system type follows the "-" field; its super options are last (e.g. rw,cpu,cpuacct).
  awk '{ for (i = 7; i < NF; i++) if ($i == "-") { if ($(i + 1) == "cgroup") print $5, $NF; break } }' /proc/self/mountinfo |
  while read -r point options; do
    umount "$point" && mount -t cgroup -o "${options#r[ow],}" cgroup "$point"
  done
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
