namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Reads what the runtime holds for a pod — found by the pod-uid label alone, so that containers
/// started before a kubelet restart are adopted, never duplicated — once per sync; and single
/// records of what a sync changed (a sandbox it ran, a container it created or stopped).
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
            records.Add(ready && records.Count == 0
                ? await ReadSandboxAsync(runtime, sandbox.Id, ct)
                : new SandboxRecord(sandbox.Id, sandbox.Metadata?.Attempt ?? 0, ready, null, Time(sandbox.CreatedAt) ?? DateTime.MinValue));
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

    /// <summary>One sandbox (with its IP while it is ready).</summary>
    public static async Task<SandboxRecord> ReadSandboxAsync(RuntimeService.RuntimeServiceClient runtime, string sandboxId, CancellationToken ct)
    {
        var status = (await runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = sandboxId }, cancellationToken: ct)).Status;
        var ready = status?.State == PodSandboxState.SandboxReady;
        var ip = ready && status?.Network?.Ip is { Length: > 0 } i ? i : null;
        return new SandboxRecord(sandboxId, status?.Metadata?.Attempt ?? 0, ready, ip, Time(status?.CreatedAt ?? 0) ?? DateTime.MinValue);
    }

    /// <summary>One container of the sandbox <paramref name="sandboxId"/>; null when the runtime no longer has it.</summary>
    public static async Task<ContainerRecord?> ReadContainerAsync(RuntimeService.RuntimeServiceClient runtime, string containerId, string sandboxId, CancellationToken ct)
    {
        try
        {
            var status = (await runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = containerId }, cancellationToken: ct)).Status;
            return status is null ? null : Record(status, sandboxId, status.Annotations, status.Labels);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    internal static ContainerRecord Record(Container container, ContainerStatus status) =>
        Record(status, container.PodSandboxId, status.Annotations.Count > 0 ? status.Annotations : container.Annotations, container.Labels);

    private static ContainerRecord Record(ContainerStatus status, string sandboxId, IReadOnlyDictionary<string, string> annotations, IReadOnlyDictionary<string, string> labels)
    {
        var restartCount = annotations.TryGetValue(CriLabels.RestartCount, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : (int)(status.Metadata?.Attempt ?? 0);
        return new ContainerRecord(
            status.Id,
            status.Metadata?.Name ?? labels.GetValueOrDefault(CriLabels.ContainerName, string.Empty),
            sandboxId,
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
