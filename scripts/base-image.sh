#!/usr/bin/env bash
# Makes, without any image registry, the two local images the project's Dockerfile starts from:
#   orchestrator/base:bookworm  Debian bookworm (debootstrap minbase) + etcd, etcdctl, haproxy, curl + the host's
#                               .NET runtime (Microsoft.NETCore.App, Microsoft.AspNetCore.App; the project builds with
#                               InvariantGlobalization, so no ICU): runs everything
#   orchestrator/sdk:bookworm   base + the host's .NET SDK + the NuGet packages the project restores, so that
#                               `dotnet publish` inside `docker build` needs no network
#   orchestrator/node-base:bookworm  (with --node) a second debootstrap tree with containerd, runc, the CNI plugins,
#                               iptables, nftables, conntrack, iproute2, busybox-static, catatonit, docker-registry + .NET:
#                               the real node and the registry of the compose profile `containerd`, kept apart so
#                               the control-plane image stays small
# Needs root (debootstrap), a reachable Debian mirror on a fresh machine and `docker` talking to the daemon to
# load into (DOCKER_HOST is honoured). Cached under $ORCHESTRATOR_IMAGE_CACHE (default /var/cache/orchestrator): the
# debootstrap tree as a tarball keyed by its package list, the NuGet packages, and `docker save` of the images keyed
# by the runtime, SDK and package versions (a fresh daemon loads it); images already loaded with the same key are kept.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ORCHESTRATOR_IMAGE_CACHE:-/var/cache/orchestrator}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
packages="ca-certificates,libssl3,etcd-server,etcd-client,haproxy,curl"
node_packages="ca-certificates,libssl3,curl,containerd,runc,containernetworking-plugins,iptables,nftables,conntrack,iproute2,busybox-static,catatonit,docker-registry"
node=false
[ "${1:-}" != "--node" ] || node=true

key() { sha256sum | cut -c1-16; }
rootfs_key="$(echo "bookworm minbase $packages" | key)"
runtime_key="$(echo "$rootfs_key $(ls "$dotnet_root/shared"/*)" | key)"
sdk_key="$(echo "$runtime_key $(ls "$dotnet_root/sdk") $(cat "$root/Directory.Packages.props" "$root"/src/*/*.csproj | sha256sum)" | key)"
has_image() { [ "$(docker image inspect -f '{{index .Config.Labels "org.orchestrator.key"}}' "$1" 2>/dev/null)" = "$2" ]; }

mkdir -p "$cache"
# debootstrap bookworm minbase with the packages $1 into the tarball $2, once (the .debs kept in $cache/debs).
rootfs() {
  [ ! -f "$2" ] || return 0
  echo "base-image: debootstrap bookworm ($1) from $mirror" >&2
  tree="$(mktemp -d "$cache/rootfs.XXXXXX")"
  trap 'rm -rf "$tree"' EXIT
  mkdir -p "$cache/debs"
  debootstrap --variant=minbase --cache-dir="$cache/debs" --include="$1" bookworm "$tree" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  # What a container never needs: package lists, caches, documentation.
  rm -rf "$tree"/var/cache/apt/* "$tree"/var/lib/apt/lists/* "$tree"/usr/share/doc/* "$tree"/usr/share/man/* "$tree"/usr/share/locale/*
  tar -C "$tree" --numeric-owner -cf "$2.tmp" . && mv "$2.tmp" "$2"
  rm -rf "$tree"
  trap - EXIT
}
tarball="$cache/bookworm-minbase-$rootfs_key.tar"
rootfs "$packages" "$tarball"
if $node; then
  node_rootfs_key="$(echo "bookworm minbase $node_packages" | key)"
  node_tarball="$cache/bookworm-minbase-$node_rootfs_key.tar"
  rootfs "$node_packages" "$node_tarball"
fi

# A daemon that does not have the images yet (a test's fresh dockerd) loads them from the last save, if current.
saved="$cache/images-$sdk_key.tar"
if ! has_image orchestrator/sdk:bookworm "$sdk_key" && [ -f "$saved" ]; then
  echo "base-image: loading $saved" >&2
  docker load -q -i "$saved" >/dev/null
fi

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
# docker import of the rootfs tarball $3 as $1, labelled with its key $2, unless current.
import() {
  has_image "$1" "$2" && return 0
  echo "base-image: importing $1" >&2
  docker import --change "LABEL org.orchestrator.key=$2" --change 'CMD ["/bin/bash"]' "$3" "$1" >/dev/null
}
# The image $1 (labelled $2): the Debian image $3 + the host's .NET runtime under /usr/share/dotnet, unless current.
with_runtime() {
  has_image "$1" "$2" && return 0
  echo "base-image: $1 (.NET runtime $(ls "$dotnet_root/shared/Microsoft.NETCore.App" | tr '\n' ' '))" >&2
  rm -rf "${context:?}"/* # what an earlier image left (the SDK's context)
  mkdir -p "$context/dotnet"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$context/dotnet/"
  cat >"$context/Dockerfile" <<EOF
FROM $3
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
LABEL org.orchestrator.key=$2
EOF
  docker build -q -t "$1" "$context" >/dev/null
  rm -rf "${context:?}"/*
}
import orchestrator/debian:bookworm "$rootfs_key" "$tarball"
with_runtime orchestrator/base:bookworm "$runtime_key" orchestrator/debian:bookworm

if ! has_image orchestrator/sdk:bookworm "$sdk_key"; then
  echo "base-image: orchestrator/sdk:bookworm (.NET SDK $(ls "$dotnet_root/sdk" | tr '\n' ' '), NuGet packages)" >&2
  mkdir -p "$context/dotnet" "$context/nuget"
  cp -a "$dotnet_root/sdk" "$dotnet_root/sdk-manifests" "$dotnet_root/packs" "$dotnet_root/templates" "$context/dotnet/"
  # The packages `dotnet publish` in the Dockerfile restores, restored here (from nuget.org, kept in the cache) on a
  # copy of the project files, so the worktree's obj/ folders keep pointing at the host's own package folder.
  mkdir -p "$context/restore"
  (cd "$root" && cp --parents Directory.Build.props Directory.Packages.props src/*/*.csproj "$context/restore/")
  [ ! -f "$root/NuGet.config" ] || cp "$root/NuGet.config" "$context/restore/"
  dotnet restore "$context/restore/src/Orchestrator/Orchestrator.csproj" --packages "$cache/nuget" --nologo -v quiet >&2
  rm -rf "$context/restore"
  cp -al "$cache/nuget/." "$context/nuget/" 2>/dev/null || cp -a "$cache/nuget/." "$context/nuget/"
  cat >"$context/Dockerfile" <<EOF
FROM orchestrator/base:bookworm
COPY dotnet /usr/share/dotnet
COPY nuget /root/.nuget/packages
ENV NUGET_PACKAGES=/root/.nuget/packages
LABEL org.orchestrator.key=$sdk_key
EOF
  docker build -q -t orchestrator/sdk:bookworm "$context" >/dev/null
  rm -f "$cache"/images-*.tar
  docker save -o "$saved.tmp" orchestrator/debian:bookworm orchestrator/base:bookworm orchestrator/sdk:bookworm && mv "$saved.tmp" "$saved"
fi

if $node; then
  # Saved apart from the other images, so that each save is replaced only when its own key changes.
  node_key="$(echo "$node_rootfs_key $(ls "$dotnet_root/shared"/*)" | key)"
  node_saved="$cache/node-images-$node_key.tar"
  if ! has_image orchestrator/node-base:bookworm "$node_key"; then
    if [ -f "$node_saved" ]; then
      echo "base-image: loading $node_saved" >&2
      docker load -q -i "$node_saved" >/dev/null
    else
      import orchestrator/node-debian:bookworm "$node_rootfs_key" "$node_tarball"
      with_runtime orchestrator/node-base:bookworm "$node_key" orchestrator/node-debian:bookworm
      rm -f "$cache"/node-images-*.tar
      docker save -o "$node_saved.tmp" orchestrator/node-debian:bookworm orchestrator/node-base:bookworm && mv "$node_saved.tmp" "$node_saved"
    fi
  fi
  echo "base-image: orchestrator/node-base:bookworm ready" >&2
fi
echo "base-image: orchestrator/base:bookworm and orchestrator/sdk:bookworm ready" >&2
