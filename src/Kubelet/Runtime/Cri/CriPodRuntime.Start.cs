using Orchestrator.Kubelet.EnvVars;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Starting one container (upstream's startContainer): back-off, image, config, create, start,
/// postStart; returns the record of the container it created (null when it created none).
/// An ephemeral container naming a target joins that container's process namespace.
/// </summary>
internal sealed partial class CriPodRuntime
{
    private async Task<ContainerRecord?> StartContainerAsync(StartContext context, V1Container container, string? targetContainerName, CancellationToken ct)
    {
        var (pod, state, sync) = (context.Pod, context.State, context.Sync);
        var latest = state.Latest(container.Name);
        if (latest is { State: CriContainerState.Exited, FinishedAt: { } finished } && RestartBackoff(pod, container.Name, finished) is { } wait)
        {
            var delay = _backoff.Get(RestartKey(pod.Metadata.Uid, container.Name));
            _events.Record(pod, "Warning", "BackOff", $"Back-off restarting failed container {container.Name} in pod {Describe(pod)}");
            sync.Fail(container.Name, "CrashLoopBackOff", $"back-off {Seconds(delay)} restarting failed container={container.Name} pod={Describe(pod)}");
            sync.Retry(wait);
            return null;
        }

        var image = await _images.EnsureAsync(pod, container, ct);
        if (image.ImageRef is null)
        {
            sync.Fail(container.Name, image.Reason ?? "ErrImagePull", image.Message ?? string.Empty);
            sync.Retry(image.RetryIn ?? TimeSpan.FromSeconds(10));
            return null;
        }

        var restartCount = latest is null ? 0 : latest.RestartCount + 1;
        var (imageUid, imageUser) = NonRootPolicy.NeedsImageUser(pod.Spec, container) ? await ImageUserAsync(image.ImageRef, ct) : (null, null);
        ContainerConfig config;
        try
        {
            if (NonRootPolicy.Violation(pod, container, imageUid, imageUser) is { } violation)
            {
                throw new ContainerConfigException(violation);
            }

            config = BuildConfig(context, container, restartCount, image.ImageRef, PidTarget(state, targetContainerName));
        }
        catch (Exception e) when (e is ContainerConfigException or VolumeSetupException)
        {
            _events.Record(pod, "Warning", "Failed", $"Error: {e.Message}");
            sync.Fail(container.Name, "CreateContainerConfigError", e.Message);
            sync.Retry(TimeSpan.FromSeconds(10));
            return null;
        }

        string id;
        try
        {
            var sandboxConfig = SandboxConfigFactory.Build(pod, state.Sandboxes.FirstOrDefault(s => s.Id == context.SandboxId)?.Attempt ?? 0, _options.Paths, _options.CgroupRoot, _options.Dns, _options.OperatingSystem);
            id = (await _cri.Runtime.CreateContainerAsync(new CreateContainerRequest { PodSandboxId = context.SandboxId, Config = config, SandboxConfig = sandboxConfig }, cancellationToken: ct)).ContainerId;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            _events.Record(pod, "Warning", "Failed", $"Error: {e.Status.Detail}");
            sync.Fail(container.Name, "CreateContainerError", e.Status.Detail);
            sync.Retry(TimeSpan.FromSeconds(10));
            return null;
        }

        _events.Record(pod, "Normal", "Created", $"Created container {container.Name}");
        try
        {
            await _cri.Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = id }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            _events.Record(pod, "Warning", "Failed", $"Error: {e.Status.Detail}");
            sync.Fail(container.Name, "RunContainerError", e.Status.Detail);
            sync.Retry(TimeSpan.FromSeconds(10));
            return await RuntimeStateReader.ReadContainerAsync(_cri.Runtime, id, context.SandboxId, ct);
        }

        _events.Record(pod, "Normal", "Started", $"Started container {container.Name}");
        if (container.Lifecycle?.PostStart is { } postStart)
        {
            var error = await _hooks.RunAsync(postStart, container, id, context.PodIp, Pods.GracePeriods.FromSeconds(pod.Spec.TerminationGracePeriodSeconds ?? 30), ct);
            if (error is not null)
            {
                _events.Record(pod, "Warning", "FailedPostStartHook", $"PostStartHook failed: {error}");
                await KillContainerAsync(pod, id, container.Name, GracePeriod(pod), $"FailedPostStartHook", ct);
            }
        }

        return await RuntimeStateReader.ReadContainerAsync(_cri.Runtime, id, context.SandboxId, ct);
    }

    /// <summary>
    /// Upstream's doBackOff: while the back-off counted from the container's exit has not passed, the
    /// time left; otherwise records the restart (the next wait doubles) and returns null to start now.
    /// </summary>
    private TimeSpan? RestartBackoff(V1Pod pod, string container, DateTime finishedAt)
    {
        var key = RestartKey(pod.Metadata.Uid, container);
        var finished = new DateTimeOffset(DateTime.SpecifyKind(finishedAt, DateTimeKind.Utc));
        var left = _backoff.RemainingSince(key, finished);
        if (left > TimeSpan.Zero)
        {
            return left;
        }

        _backoff.Next(key, finished);
        return null;
    }

    private static string RestartKey(string podUid, string container) => podUid + "/" + container;

    /// <summary>upstream's getImageUser: the image's uid, else its user name; an image naming neither runs as root.</summary>
    private async Task<(long? Uid, string? User)> ImageUserAsync(string imageRef, CancellationToken ct)
    {
        var image = (await _cri.Images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = imageRef } }, cancellationToken: ct)).Image;
        return image switch
        {
            { Uid: { } uid } => (uid.Value, null),
            { Username: { Length: > 0 } user } => (null, user),
            _ => (0, null),
        };
    }

    /// <summary>upstream's getTargetID: the runtime id of the newest instance of the target container.</summary>
    private static string? PidTarget(PodRuntimeState state, string? targetContainerName) => targetContainerName is not { Length: > 0 } target
        ? null
        : state.Latest(target)?.Id ?? throw new ContainerConfigException($"unable to find target container {target}");

    private ContainerConfig BuildConfig(StartContext context, V1Container container, int restartCount, string imageRef, string? pidTargetId)
    {
        var pod = context.Pod;
        var env = ContainerEnvironment.Build(pod, container, context.PodIp, _options.HostIp, _sources, events: _events);
        var etcHosts = _volumes.WriteEtcHosts(pod, [context.PodIp]);
        var mounts = ContainerMounts.For(container, pod, context.Volumes, env, etcHosts).ToList();
        if (TerminationMessageMount(pod, container, restartCount) is { } message)
        {
            mounts.Add(message);
        }

        var vars = env.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        var mapping = VarExpansion.MappingFor(vars);
        var input = new ContainerConfigInput(pod, container, restartCount, imageRef, env, mounts) { NodeMemoryBytes = _options.NodeMemoryBytes, PidTargetId = pidTargetId, OperatingSystem = _options.OperatingSystem, NodeCpuCount = _options.NodeCpuCount };
        return ContainerConfigFactory.Build(input, text => VarExpansion.Expand(text, mapping));
    }

    /// <summary>An empty file of the kubelet's, bound at terminationMessagePath; its content becomes the terminated state's message.</summary>
    private ContainerMount? TerminationMessageMount(V1Pod pod, V1Container container, int restartCount)
    {
        var path = container.TerminationMessagePath ?? "/dev/termination-log";
        if (path.Length == 0)
        {
            return null;
        }

        var file = _options.Paths.TerminationMessageFile(pod.Metadata.Uid, container.Name, restartCount);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (File.Create(file))
        {
        }

        return new ContainerMount(file, path, false);
    }

    private static string Describe(V1Pod pod) => $"{pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})";

    private static string Seconds(TimeSpan delay) => delay.TotalMinutes >= 1 && delay.Seconds == 0 ? $"{(int)delay.TotalMinutes}m0s" : delay.TotalMinutes >= 1 ? $"{(int)delay.TotalMinutes}m{delay.Seconds}s" : $"{(int)delay.TotalSeconds}s";
}
