using Orchestrator.Kubelet.Metrics;

namespace Orchestrator.Kubelet.Runtime.Hollow;

/// <summary>
/// A fake container runtime that keeps no processes, only times (like kubemark's and KWOK's): every
/// container starts at once; restartPolicy Always containers run forever; containers of
/// run-to-completion pods run for <see cref="HollowRuntimeOptions.JobRunTime"/> (or the
/// <see cref="HollowAnnotations.RunSeconds"/> annotation) and exit with 0 (or
/// <see cref="HollowAnnotations.ExitCode"/>); OnFailure containers that fail restart after
/// CrashLoopBackOff delays (<see cref="BackoffPolicy.Kubelet"/>), as real ones would. Pod IPs come
/// from the node's podCIDR, one <see cref="PodIpAllocator"/> per node, seeded with the IPs the API
/// already records there (a restarted kubelet keeps them) and released when a pod is killed. A pod with a
/// persistentVolumeClaim volume waits, as on a real node, until its claim is Bound to a volume bound back to it
/// (<see cref="PersistentVolumeClaimVolume.ResolveAsync"/>); no directory is made. An ephemeral
/// container runs from the sync that first sees it until the pod is killed (it has no process to end).
/// The CRI calls a real runtime would get for a pod's start and kill (run_podsandbox, create_container and
/// start_container per container; stop_container per container and stop_podsandbox) are counted in
/// <see cref="RuntimeOperationMetrics"/>, taking no time, as kubemark's fake runtime counts them.
/// </summary>
public sealed class HollowRuntime(HollowRuntimeOptions options, TimeProvider time) : IPodRuntime
{
    private static readonly TimeSpan WaitForIp = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WaitForClaims = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, DateTime> _started = new();
    private readonly ConcurrentDictionary<(string Pod, string Container), DateTime> _ephemeralStarted = new();
    private readonly ConcurrentDictionary<string, PodIpAllocator> _allocators = new();

    /// <summary>A hollow runtime whose pods' persistentVolumeClaim volumes are read through <paramref name="claimsClient"/>.</summary>
    public HollowRuntime(HollowRuntimeOptions options, TimeProvider time, IKubernetes claimsClient)
        : this(options, time)
    {
        Claims = new ApiPersistentVolumes(claimsClient);
    }

    /// <summary>Where claims are read; null: persistentVolumeClaim volumes are not checked (the pod starts at once).</summary>
    internal IPersistentVolumes? Claims { get; init; }

    public string RuntimeVersion => "hollow://1.0.0";

    /// <summary>Pods the runtime currently runs (for tests and metrics).</summary>
    public int PodCount => _started.Count;

    public async Task<ObservedPod> SyncAsync(V1Pod pod, NodeNetwork node, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (!_started.ContainsKey(pod.Metadata.Uid ?? pod.Metadata.Name) && !await ClaimsBoundAsync(pod, ct))
        {
            return new ObservedPod(Waiting(pod), WaitForClaims) { SandboxReady = false };
        }

        return Sync(pod, node);
    }

    /// <summary>A hollow pod leaves nothing behind once killed.</summary>
    public Task RemoveAsync(V1Pod pod, CancellationToken ct) => Task.CompletedTask;

    private ObservedPod Sync(V1Pod pod, NodeNetwork node)
    {
        var podIp = pod.Spec.HostNetwork == true ? node.HostIp : AllocateIp(pod, node);
        if (podIp is null)
        {
            // the podCIDR is full: nothing starts until a pod of the node gives its IP up
            return new ObservedPod(Waiting(pod), WaitForIp) { SandboxReady = false };
        }

        var now = time.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)); // the API keeps seconds
        if (_started.TryAdd(pod.Metadata.Uid ?? pod.Metadata.Name, now))
        {
            Simulated(pod, "run_podsandbox", "create_container", "start_container");
        }

        var startedAt = _started[pod.Metadata.Uid ?? pod.Metadata.Name];
        var restartPolicy = pod.Spec.RestartPolicy ?? "Always";
        TimeSpan? next = null;
        var containers = new List<ObservedContainer>();
        foreach (var container in pod.Spec.Containers)
        {
            var (observed, changeIn) = Observe(pod, container, restartPolicy, startedAt, now);
            containers.Add(observed);
            if (changeIn is { } c && (next is null || c < next))
            {
                next = c;
            }
        }

        return new ObservedPod(containers, next) { PodIp = podIp, EphemeralContainers = Ephemeral(pod, now) };
    }

    private List<ObservedContainer> Ephemeral(V1Pod pod, DateTime now)
    {
        var uid = pod.Metadata.Uid ?? pod.Metadata.Name;
        return (pod.Spec.EphemeralContainers ?? [])
            .Select(c => new ObservedContainer(
                c.Name, ContainerRunState.Running, 0, _ephemeralStarted.GetOrAdd((uid, c.Name), now), ContainerId: $"hollow://{uid}/{c.Name}", ImageId: "hollow://" + c.Image))
            .ToList();
    }

    private static List<ObservedContainer> Waiting(V1Pod pod) => pod.Spec.Containers.Select(c => new ObservedContainer(c.Name, ContainerRunState.Waiting, 0)).ToList();

    /// <summary>Whether every claim the pod's volumes name is bound (checked until the pod first starts; a running pod keeps running).</summary>
    private async Task<bool> ClaimsBoundAsync(V1Pod pod, CancellationToken ct)
    {
        if (Claims is null)
        {
            return true;
        }

        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            if (volume.PersistentVolumeClaim is null)
            {
                continue;
            }

            try
            {
                await PersistentVolumeClaimVolume.ResolveAsync(pod, volume, Claims, ct);
            }
            catch (VolumeProcessingException)
            {
                return false;
            }
        }

        return true;
    }

    public Task KillAsync(V1Pod pod, TimeSpan gracePeriod, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var uid = pod.Metadata.Uid ?? pod.Metadata.Name;
        if (_started.TryRemove(uid, out _))
        {
            Simulated(pod, "stop_podsandbox", "stop_container", null);
        }

        foreach (var key in _ephemeralStarted.Keys.Where(k => k.Pod == uid))
        {
            _ephemeralStarted.TryRemove(key, out _);
        }
        if (pod.Spec?.NodeName is { } node && _allocators.TryGetValue(node, out var allocator))
        {
            allocator.Release(pod.Metadata.Uid ?? pod.Metadata.Name);
        }

        return Task.CompletedTask;
    }

    private string? AllocateIp(V1Pod pod, NodeNetwork node)
    {
        if (node.PodCidr is not { } cidr)
        {
            return null;
        }

        var allocator = _allocators.GetOrAdd(node.NodeName, _ => Seeded(cidr, node));
        if (allocator.Cidr != cidr)
        {
            allocator = _allocators[node.NodeName] = Seeded(cidr, node);
        }

        return allocator.Allocate(pod.Metadata.Uid ?? pod.Metadata.Name, pod.Status?.PodIP);
    }

    /// <summary>An allocator that already knows the IPs of the live pods on the node (kubelet restart).</summary>
    private static PodIpAllocator Seeded(string cidr, NodeNetwork node)
    {
        var allocator = new PodIpAllocator(cidr);
        foreach (var (podUid, ip) in node.AssignedPodIps())
        {
            allocator.Allocate(podUid, ip);
        }

        return allocator;
    }

    private (ObservedContainer Observed, TimeSpan? ChangeIn) Observe(V1Pod pod, V1Container container, string restartPolicy, DateTime podStart, DateTime now)
    {
        var id = $"hollow://{pod.Metadata.Uid}/{container.Name}";
        var imageId = "hollow://" + container.Image;
        if (restartPolicy == "Always")
        {
            return (new ObservedContainer(container.Name, ContainerRunState.Running, 0, podStart, ContainerId: id, ImageId: imageId), null);
        }

        var runTime = Annotation(pod, HollowAnnotations.RunSeconds) is { } seconds ? TimeSpan.FromSeconds(seconds) : options.JobRunTime;
        var exitCode = (int)(Annotation(pod, HollowAnnotations.ExitCode) ?? 0);

        // Walk the run/crash/backoff cycle from the pod's start to now.
        var runStart = podStart;
        var restarts = 0;
        ObservedContainer? last = null;
        var backoff = BackoffPolicy.Kubelet.Initial;
        while (true)
        {
            var exitAt = runStart + runTime;
            if (now < exitAt)
            {
                return (new ObservedContainer(container.Name, ContainerRunState.Running, restarts, runStart, ContainerId: id, ImageId: imageId, LastTermination: last), exitAt - now);
            }

            var exited = new ObservedContainer(container.Name, ContainerRunState.Exited, restarts, runStart, exitAt, exitCode, ContainerId: id, ImageId: imageId, LastTermination: last);
            if (exitCode == 0 || restartPolicy == "Never")
            {
                return (exited, null);
            }

            var restartAt = exitAt + backoff;
            if (now < restartAt)
            {
                var waiting = new ObservedContainer(container.Name, ContainerRunState.Waiting, restarts, Reason: "CrashLoopBackOff", ContainerId: id, ImageId: imageId, LastTermination: exited);
                return (waiting, restartAt - now);
            }

            last = exited with { LastTermination = null };
            restarts++;
            runStart = restartAt;
            backoff = BackoffPolicy.Kubelet.After(backoff);
        }
    }

    /// <summary>Counts a pod's simulated CRI calls: one <paramref name="podOperation"/>, and the container operations once per container.</summary>
    private static void Simulated(V1Pod pod, string podOperation, string containerOperation, string? thenContainerOperation)
    {
        RuntimeOperationMetrics.Record(podOperation, TimeSpan.Zero, failed: false);
        foreach (var _ in pod.Spec.Containers)
        {
            RuntimeOperationMetrics.Record(containerOperation, TimeSpan.Zero, failed: false);
            if (thenContainerOperation is not null)
            {
                RuntimeOperationMetrics.Record(thenContainerOperation, TimeSpan.Zero, failed: false);
            }
        }
    }

    private static double? Annotation(V1Pod pod, string key) =>
        pod.Metadata.Annotations?.TryGetValue(key, out var text) == true && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
