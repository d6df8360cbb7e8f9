using System.Globalization;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Reads what the runtime holds for a pod — found by the pod-uid label alone, so that containers
/// started before a kubelet restart are adopted, never duplicated.
/// </summary>
internal static class RuntimeStateReader
{
    public static async Task<PodRuntimeState> ReadAsync(RuntimeService.RuntimeServiceClient runtime, string podUid, CancellationToken ct)
    {
        var sandboxFilter = new PodSandboxFilter();
        sandboxFilter.LabelSelector[CriLabels.PodUid] = podUid;
        var sandboxes = (await runtime.ListPodSandboxAsync(new ListPodSandboxRequest { Filter = sandboxFilter }, cancellationToken: ct)).Items
            .OrderByDescending(s => s.CreatedAt)
            .ToList();
        var records = new List<SandboxRecord>(sandboxes.Count);
        foreach (var sandbox in sandboxes)
        {
            var ready = sandbox.State == PodSandboxState.SandboxReady;
            string? ip = null;
            if (ready && records.Count == 0)
            {
                var status = await runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = sandbox.Id }, cancellationToken: ct);
                ip = status.Status?.Network?.Ip is { Length: > 0 } i ? i : null;
            }

            records.Add(new SandboxRecord(sandbox.Id, sandbox.Metadata?.Attempt ?? 0, ready, ip, Time(sandbox.CreatedAt) ?? DateTime.MinValue));
        }

        var containerFilter = new ContainerFilter();
        containerFilter.LabelSelector[CriLabels.PodUid] = podUid;
        var containers = (await runtime.ListContainersAsync(new ListContainersRequest { Filter = containerFilter }, cancellationToken: ct)).Containers;
        var list = new List<ContainerRecord>(containers.Count);
        foreach (var container in containers)
        {
            var status = (await runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = container.Id }, cancellationToken: ct)).Status;
            if (status is not null)
            {
                list.Add(Record(container, status));
            }
        }

        return new PodRuntimeState(records, list.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.RestartCount).ToList());
    }

    internal static ContainerRecord Record(Container container, ContainerStatus status)
    {
        var annotations = status.Annotations.Count > 0 ? status.Annotations : container.Annotations;
        var restartCount = annotations.TryGetValue(CriLabels.RestartCount, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : (int)(status.Metadata?.Attempt ?? 0);
        return new ContainerRecord(
            status.Id,
            status.Metadata?.Name ?? container.Labels.GetValueOrDefault(CriLabels.ContainerName, string.Empty),
            container.PodSandboxId,
            status.State switch
            {
                ContainerState.ContainerCreated => CriContainerState.Created,
                ContainerState.ContainerRunning => CriContainerState.Running,
                ContainerState.ContainerExited => CriContainerState.Exited,
                _ => CriContainerState.Unknown,
            },
            Time(status.CreatedAt) ?? DateTime.MinValue,
            restartCount,
            annotations.GetValueOrDefault(CriLabels.ContainerHash, string.Empty))
        {
            StartedAt = Time(status.StartedAt),
            FinishedAt = Time(status.FinishedAt),
            ExitCode = status.ExitCode,
            Reason = status.Reason is { Length: > 0 } r ? r : null,
            Message = status.Message is { Length: > 0 } m ? m : null,
            ImageRef = status.ImageRef is { Length: > 0 } i ? i : null,
            LogPath = status.LogPath is { Length: > 0 } l ? l : null,
        };
    }

    /// <summary>CRI times are nanoseconds since the epoch; 0 means unset.</summary>
    internal static DateTime? Time(long nanoseconds) =>
        nanoseconds <= 0 ? null : DateTime.UnixEpoch.AddTicks(nanoseconds / 100);
}
