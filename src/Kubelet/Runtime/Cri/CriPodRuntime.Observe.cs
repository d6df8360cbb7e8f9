namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>What the pod status is built from: the runtime's records, this sync's waiting reasons, the probes.</summary>
internal sealed partial class CriPodRuntime
{
    private ObservedPod Observe(V1Pod pod, PodRuntimeState state, SyncResult sync)
    {
        var sandbox = state.Sandboxes.FirstOrDefault();
        var containers = pod.Spec.Containers.Select(c => ObserveContainer(pod, state, sync, c.Name)).ToList();
        var init = (pod.Spec.InitContainers ?? []).Select(c => ObserveContainer(pod, state, sync, c.Name)).ToList();
        var ephemeral = (pod.Spec.EphemeralContainers ?? []).Select(c => ObserveContainer(pod, state, sync, c.Name)).ToList();
        return new ObservedPod(containers, sync.RetryIn)
        {
            InitContainers = init,
            EphemeralContainers = ephemeral,
            PodIp = pod.Spec.HostNetwork == true ? _options.HostIp : sandbox?.Ip ?? (sandbox is null ? null : pod.Status?.PodIP),
            SandboxReady = sandbox?.Ready == true,
        };
    }

    private ObservedContainer ObserveContainer(V1Pod pod, PodRuntimeState state, SyncResult sync, string name)
    {
        var latest = state.Latest(name);
        var previous = state.Previous(name);
        if (sync.Waiting.TryGetValue(name, out var waiting))
        {
            // Waiting to (re)start: the container that ran last is the last termination.
            var last = latest is { State: CriContainerState.Exited } ? Terminated(pod, latest) : previous is null ? null : Terminated(pod, previous);
            return new ObservedContainer(name, ContainerRunState.Waiting, latest?.RestartCount ?? 0, Reason: waiting.Reason, ContainerId: latest is null ? null : ContainerId(latest), ImageId: latest?.ImageRef, LastTermination: last)
            {
                Message = waiting.Message,
            };
        }

        if (latest is null)
        {
            return new ObservedContainer(name, ContainerRunState.Waiting, 0);
        }

        var lastTermination = previous is { State: CriContainerState.Exited } ? Terminated(pod, previous) : null;
        switch (latest.State)
        {
            case CriContainerState.Running:
                var probe = _probes.Get(pod.Metadata.Uid, name, latest.Id);
                return new ObservedContainer(name, ContainerRunState.Running, latest.RestartCount, latest.StartedAt, ContainerId: ContainerId(latest), ImageId: latest.ImageRef, LastTermination: lastTermination)
                {
                    Ready = probe.Ready,
                    Started = probe.Started,
                };
            case CriContainerState.Exited:
                return Terminated(pod, latest) with { LastTermination = lastTermination };
            default:
                return new ObservedContainer(name, ContainerRunState.Waiting, latest.RestartCount, ContainerId: ContainerId(latest), ImageId: latest.ImageRef, LastTermination: lastTermination);
        }
    }

    private ObservedContainer Terminated(V1Pod pod, ContainerRecord record) =>
        new(record.Name, ContainerRunState.Exited, record.RestartCount, record.StartedAt, record.FinishedAt, record.ExitCode, record.Reason, ContainerId(record), record.ImageRef)
        {
            Message = TerminationMessage(pod, record),
        };

    /// <summary>What the container wrote to its termination-message file, else (FallbackToLogsOnError) the tail of its log.</summary>
    private string? TerminationMessage(V1Pod pod, ContainerRecord record)
    {
        var file = _options.Paths.TerminationMessageFile(pod.Metadata.Uid, record.Name, record.RestartCount);
        var text = File.Exists(file) ? ReadAtMost(file, 4096) : null;
        if (!string.IsNullOrEmpty(text))
        {
            return text;
        }

        var spec = pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).Concat(EphemeralContainerSpec.Of(pod)).FirstOrDefault(c => c.Name == record.Name);
        if (spec?.TerminationMessagePolicy == "FallbackToLogsOnError" && record.ExitCode != 0 && record.LogPath is { } log && File.Exists(log))
        {
            var lines = File.ReadLines(log).TakeLast(80).Select(l => l.Split(' ', 4) is { Length: 4 } parts ? parts[3] : l);
            var tail = string.Join('\n', lines);
            return tail.Length > 2048 ? tail[^2048..] : tail;
        }

        return record.Message;
    }

    private static string ReadAtMost(string file, int bytes)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[bytes];
        var read = stream.ReadAtLeast(buffer, bytes, throwOnEndOfStream: false);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string ContainerId(ContainerRecord record) => "containerd://" + record.Id;
}
