# The project's image: every command of `orchestrator` (API server, scheduler, controller manager, hollow
# kubelets), with etcd, etcdctl and haproxy from Debian (target control-plane); and the same program on the node
# base, with containerd, runc and the CNI plugins, for the real node (target node). Its bases are local images
# made by scripts/base-image.sh (no registry needed; `--node` for the node's): see docs/compose.md.
FROM orchestrator/sdk:bookworm AS build
WORKDIR /src
# The SDK's own tools need ICU otherwise (the image has none; the project itself builds with InvariantGlobalization).
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
# Restore first, from the SDK image's package folder (no network in the build), so a source change keeps this layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ApiMachinery/ApiMachinery.csproj src/ApiMachinery/
COPY src/ApiServer/ApiServer.csproj src/ApiServer/
COPY src/Client/Client.csproj src/Client/
COPY src/ControllerManager/ControllerManager.csproj src/ControllerManager/
COPY src/Dns/Dns.csproj src/Dns/
COPY src/KubeProxy/KubeProxy.csproj src/KubeProxy/
COPY src/Kubelet/Kubelet.csproj src/Kubelet/
COPY src/Orchestrator/Orchestrator.csproj src/Orchestrator/
COPY src/Scheduler/Scheduler.csproj src/Scheduler/
COPY src/Store/Store.csproj src/Store/
COPY src/Streaming/Streaming.csproj src/Streaming/
RUN dotnet restore src/Orchestrator/Orchestrator.csproj --source /root/.nuget/packages -p:NuGetAudit=false --nologo -v quiet
COPY proto/ proto/
COPY src/ src/
# Analyzers off: the repository's own build (./test.sh, CI) enforces them with warnings as errors; here they would
# only make the image build slower.
RUN dotnet publish src/Orchestrator/Orchestrator.csproj -c Release --no-restore -p:UseAppHost=false -p:RunAnalyzers=false \
    -o /out --nologo -v quiet

FROM orchestrator/base:bookworm AS control-plane
COPY --from=build /out /opt/orchestrator
RUN printf '#!/bin/sh\nexec dotnet /opt/orchestrator/orchestrator.dll "$@"\n' >/usr/local/bin/orchestrator \
 && chmod +x /usr/local/bin/orchestrator
ENTRYPOINT ["orchestrator"]
CMD ["help"]

# Last, so that building the control-plane target never needs the node's base image.
FROM orchestrator/node-base:bookworm AS node
COPY --from=build /out /opt/orchestrator
COPY --from=control-plane /usr/local/bin/orchestrator /usr/local/bin/orchestrator
ENTRYPOINT ["orchestrator"]
CMD ["help"]
