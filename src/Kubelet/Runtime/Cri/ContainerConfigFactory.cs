using Orchestrator.ApiMachinery.Resources;
using Orchestrator.Kubelet.EnvVars;
using Orchestrator.Kubelet.Status;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>The CRI ContainerConfig of one container (upstream's generateContainerConfig), as a pure function.</summary>
internal static class ContainerConfigFactory
{
    private const long CpuPeriod = 100_000;

    public static ContainerConfig Build(ContainerConfigInput input, Func<string, string> expand)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(expand);
        var (pod, container) = (input.Pod, input.Container);
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = container.Name, Attempt = (uint)input.RestartCount },
            Image = new ImageSpec { Image = input.ImageRef, UserSpecifiedImage = container.Image ?? string.Empty },
            WorkingDir = container.WorkingDir ?? string.Empty,
            LogPath = $"{container.Name}/{input.RestartCount}.log",
            Stdin = container.Stdin == true,
            StdinOnce = container.StdinOnce == true,
            Tty = container.Tty == true,
        };
        if (input.OperatingSystem == NodeOs.Windows)
        {
            // No cgroups, OOM score or Linux security on Windows: no LinuxContainerConfig at all.
            config.Windows = Windows.WindowsContainerConfigFactory.Build(pod.Spec, container, input.NodeCpuCount);
        }
        else
        {
            config.Linux = new LinuxContainerConfig
            {
                Resources = Resources(pod, container, input.NodeMemoryBytes),
                SecurityContext = Security(pod.Spec, container, input.PidTargetId),
            };
        }

        config.Command.AddRange((container.Command ?? []).Select(expand));
        config.Args.AddRange((container.Args ?? []).Select(expand));
        config.Envs.AddRange(ContainerEnvironment.ToCri(input.Env));
        config.Mounts.AddRange(input.Mounts.Select(m => m.ToCri()));
        config.Labels[CriLabels.PodName] = pod.Metadata.Name;
        config.Labels[CriLabels.PodNamespace] = pod.Metadata.NamespaceProperty;
        config.Labels[CriLabels.PodUid] = pod.Metadata.Uid;
        config.Labels[CriLabels.ContainerName] = container.Name;
        config.Annotations[CriLabels.RestartCount] = input.RestartCount.ToString(CultureInfo.InvariantCulture);
        config.Annotations[CriLabels.ContainerHash] = ContainerHash.Of(container);
        config.Annotations[CriLabels.TerminationGracePeriod] = (pod.Spec.TerminationGracePeriodSeconds ?? 30).ToString(CultureInfo.InvariantCulture);
        return config;
    }

    internal static LinuxContainerResources Resources(V1Pod pod, V1Container container, long nodeMemoryBytes)
    {
        var resources = new LinuxContainerResources { OomScoreAdj = OomScoreAdj(pod, container, nodeMemoryBytes) };
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        var cpuRequest = Get(requests, "cpu") ?? Get(limits, "cpu");
        resources.CpuShares = cpuRequest is null ? 2 : Math.Max(2, QuantityValues.MilliValue(cpuRequest) * 1024 / 1000);
        if (Get(limits, "cpu") is { } cpuLimit)
        {
            resources.CpuPeriod = CpuPeriod;
            resources.CpuQuota = Math.Max(1000, QuantityValues.MilliValue(cpuLimit) * CpuPeriod / 1000);
        }

        if (Get(limits, "memory") is { } memory)
        {
            resources.MemoryLimitInBytes = QuantityValues.Value(memory);
        }

        return resources;
    }

    /// <summary>upstream's GetContainerOOMScoreAdjust by QoS class.</summary>
    internal static long OomScoreAdj(V1Pod pod, V1Container container, long nodeMemoryBytes)
    {
        switch (PodStatusBuilder.QosClass(pod.Spec))
        {
            case "Guaranteed":
                return -997;
            case "BestEffort":
                return 1000;
        }

        var request = Get(container.Resources?.Requests, "memory") is { } m ? (long)m.ToDecimal() : 0;
        var adj = 1000 - (1000 * request / Math.Max(1, nodeMemoryBytes));
        return Math.Clamp(adj, 3, 999);
    }

    private static LinuxContainerSecurityContext Security(V1PodSpec spec, V1Container container, string? pidTargetId)
    {
        var pod = spec.SecurityContext;
        var own = container.SecurityContext;
        var security = new LinuxContainerSecurityContext
        {
            NamespaceOptions = SandboxConfigFactory.Namespaces(spec),
            Privileged = own?.Privileged == true,
            ReadonlyRootfs = own?.ReadOnlyRootFilesystem == true,
            NoNewPrivs = own?.AllowPrivilegeEscalation == false,
            Seccomp = SandboxConfigFactory.Seccomp(own?.SeccompProfile ?? pod?.SeccompProfile),
        };

        // upstream's generateLinuxContainerConfig: a target only matters when the container would
        // otherwise get a process namespace of its own (not with hostPID or shareProcessNamespace).
        if (pidTargetId is not null && security.NamespaceOptions.Pid == NamespaceMode.Container)
        {
            security.NamespaceOptions.Pid = NamespaceMode.Target;
            security.NamespaceOptions.TargetId = pidTargetId;
        }
        if ((own?.RunAsUser ?? pod?.RunAsUser) is { } user)
        {
            security.RunAsUser = new Int64Value { Value = user };
        }

        if ((own?.RunAsGroup ?? pod?.RunAsGroup) is { } group)
        {
            security.RunAsGroup = new Int64Value { Value = group };
        }

        if (pod?.FsGroup is { } fsGroup)
        {
            security.SupplementalGroups.Add(fsGroup);
        }

        security.SupplementalGroups.AddRange((pod?.SupplementalGroups ?? []).OfType<long>());
        if (own?.Capabilities is { } capabilities)
        {
            security.Capabilities = new Capability();
            security.Capabilities.AddCapabilities.AddRange(capabilities.Add ?? []);
            security.Capabilities.DropCapabilities.AddRange(capabilities.Drop ?? []);
        }

        return security;
    }

    private static ResourceQuantity? Get(IDictionary<string, ResourceQuantity>? resources, string name) =>
        resources is not null && resources.TryGetValue(name, out var value) ? value : null;
}
