#!/usr/bin/env bash
# Makes, without any image registry, the two local images the project's Dockerfile starts from:
#   orchestrator/base:bookworm  Debian bookworm (debootstrap minbase) + etcd, etcdctl, haproxy, curl + the host's
#                               .NET runtime (Microsoft.NETCore.App, Microsoft.AspNetCore.App; the project builds with
#                               InvariantGlobalization, so no ICU): runs everything
#   orchestrator/sdk:bookworm   base + the host's .NET SDK + the NuGet packages the project restores, so that
#                               `dotnet publish` inside `docker build` needs no network
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

key() { sha256sum | cut -c1-16; }
rootfs_key="$(echo "bookworm minbase $packages" | key)"
runtime_key="$(echo "$rootfs_key $(ls "$dotnet_root/shared"/*)" | key)"
sdk_key="$(echo "$runtime_key $(ls "$dotnet_root/sdk") $(cat "$root/Directory.Packages.props" "$root"/src/*/*.csproj | sha256sum)" | key)"
has_image() { [ "$(docker image inspect -f '{{index .Config.Labels "org.orchestrator.key"}}' "$1" 2>/dev/null)" = "$2" ]; }

mkdir -p "$cache"
tarball="$cache/bookworm-minbase-$rootfs_key.tar"
if [ ! -f "$tarball" ]; then
  echo "base-image: debootstrap bookworm ($packages) from $mirror" >&2
  tree="$(mktemp -d "$cache/rootfs.XXXXXX")"
  trap 'rm -rf "$tree"' EXIT
  debootstrap --variant=minbase --include="$packages" bookworm "$tree" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  # What a container never needs: package lists, caches, documentation.
  rm -rf "$tree"/var/cache/apt/* "$tree"/var/lib/apt/lists/* "$tree"/usr/share/doc/* "$tree"/usr/share/man/* "$tree"/usr/share/locale/*
  tar -C "$tree" --numeric-owner -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
  rm -rf "$tree"
  trap - EXIT
fi

# A daemon that does not have the images yet (a test's fresh dockerd) loads them from the last save, if current.
saved="$cache/images-$sdk_key.tar"
if ! has_image orchestrator/sdk:bookworm "$sdk_key" && [ -f "$saved" ]; then
  echo "base-image: loading $saved" >&2
  docker load -q -i "$saved" >/dev/null
fi

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
if ! has_image orchestrator/debian:bookworm "$rootfs_key"; then
  echo "base-image: importing orchestrator/debian:bookworm" >&2
  docker import --change "LABEL org.orchestrator.key=$rootfs_key" --change 'CMD ["/bin/bash"]' "$tarball" orchestrator/debian:bookworm >/dev/null
fi

if ! has_image orchestrator/base:bookworm "$runtime_key"; then
  echo "base-image: orchestrator/base:bookworm (.NET runtime $(ls "$dotnet_root/shared/Microsoft.NETCore.App" | tr '\n' ' '))" >&2
  mkdir -p "$context/dotnet"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$context/dotnet/"
  cat >"$context/Dockerfile" <<EOF
FROM orchestrator/debian:bookworm
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
LABEL org.orchestrator.key=$runtime_key
EOF
  docker build -q -t orchestrator/base:bookworm "$context" >/dev/null
  rm -rf "${context:?}"/*
fi

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
echo "base-image: orchestrator/base:bookworm and orchestrator/sdk:bookworm ready" >&2
