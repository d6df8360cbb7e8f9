namespace Orchestrator.Kubelet.Server.Cri;

/// <summary>
/// Finds a pod's sandbox and containers purely through CRI, by the labels the kubelet puts on
/// them (<see cref="CriLabels"/>): the newest sandbox labelled with the pod's namespace and name,
/// then that pod's (same UID) containers of a name, newest first.
/// </summary>
internal sealed class CriPodLocator(RuntimeService.RuntimeServiceClient runtime)
{
    /// <summary>The pod's newest sandbox (only a ready one when <paramref name="ready"/>); 404 "pod does not exist" when none.</summary>
    public async Task<PodSandbox> FindSandboxAsync(string ns, string pod, bool ready, CancellationToken ct)
    {
        var filter = new PodSandboxFilter();
        filter.LabelSelector.Add(CriLabels.PodNamespace, ns);
        filter.LabelSelector.Add(CriLabels.PodName, pod);
        if (ready)
        {
            filter.State = new PodSandboxStateValue { State = PodSandboxState.SandboxReady };
        }

        var response = await CallAsync(() => runtime.ListPodSandboxAsync(new ListPodSandboxRequest { Filter = filter }, cancellationToken: ct).ResponseAsync);
        return NewestSandbox(response.Items) ?? throw StreamingRuntimeException.NotFound("pod does not exist");
    }

    /// <summary>The instances of container <paramref name="container"/> of the sandbox's pod, newest first (optionally only running ones).</summary>
    public async Task<IReadOnlyList<Container>> FindContainersAsync(PodSandbox sandbox, string container, bool running, CancellationToken ct)
    {
        var filter = new ContainerFilter();
        foreach (var label in new[] { CriLabels.PodNamespace, CriLabels.PodName, CriLabels.PodUid })
        {
            if (sandbox.Labels.TryGetValue(label, out var value))
            {
                filter.LabelSelector.Add(label, value);
            }
        }

        filter.LabelSelector.Add(CriLabels.ContainerName, container);
        if (running)
        {
            filter.State = new ContainerStateValue { State = ContainerState.ContainerRunning };
        }

        var response = await CallAsync(() => runtime.ListContainersAsync(new ListContainersRequest { Filter = filter }, cancellationToken: ct).ResponseAsync);
        return NewestFirst(response.Containers);
    }

    /// <summary>The running instance of a container, for exec and attach; 404 as upstream when there is none.</summary>
    public async Task<Container> FindRunningContainerAsync(string ns, string pod, string container, CancellationToken ct)
    {
        var sandbox = await FindSandboxAsync(ns, pod, ready: false, ct);
        var containers = await FindContainersAsync(sandbox, container, running: true, ct);
        return containers.Count > 0 ? containers[0] : throw StreamingRuntimeException.NotFound($"container not found (\"{container}\")");
    }

    /// <summary>The newest sandbox by creation time; null when there is none.</summary>
    internal static PodSandbox? NewestSandbox(IEnumerable<PodSandbox> sandboxes) =>
        sandboxes.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Metadata?.Attempt ?? 0).FirstOrDefault();

    /// <summary>Container instances by creation time, newest first (restart attempt breaks ties).</summary>
    internal static IReadOnlyList<Container> NewestFirst(IEnumerable<Container> containers) =>
        containers.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Metadata?.Attempt ?? 0).ToList();

    /// <summary>A CRI call whose NotFound (the object went away meanwhile) becomes a 404.</summary>
    internal static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw StreamingRuntimeException.NotFound(e.Status.Detail);
        }
    }
}
