using Orchestrator.ApiMachinery.Resources;
using Orchestrator.Kubelet.EnvVars;

namespace Orchestrator.Kubelet.Runtime.Cri.Windows;

/// <summary>
/// The CRI WindowsContainerConfig of one container, as upstream's generateWindowsContainerConfig and
/// calculateWindowsResources (pkg/kubelet/kuberuntime/kuberuntime_container_windows.go) compute it:
/// <list type="bullet">
/// <item>the CPU limit becomes cpu_maximum, a share of the whole machine in [1, 10000] (10 × milli-CPU ÷ processors);
/// Kubernetes has no weights, so cpu_shares stays 0 (containerd refuses shares and maximum together) and cpu_count
/// stays 0 (it would win over cpu_maximum);</item>
/// <item>the memory limit becomes memory_limit_in_bytes; requests set nothing (no cgroups, no OOM score);</item>
/// <item>windowsOptions: gmsaCredentialSpec and runAsUserName (the container's over the pod's), hostProcess.</item>
/// </list>
/// Linux-only settings Windows cannot honour fail the container (CreateContainerConfigError) instead of being dropped.
/// </summary>
internal static class WindowsContainerConfigFactory
{
    public static WindowsContainerConfig Build(V1PodSpec spec, V1Container container, int nodeCpuCount)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(container);
        Refuse(spec, container);
        var options = WindowsSecurity.Effective(spec, container);
        return new WindowsContainerConfig
        {
            Resources = Resources(container, nodeCpuCount),
            SecurityContext = new WindowsContainerSecurityContext
            {
                RunAsUsername = options.RunAsUserName ?? string.Empty,
                CredentialSpec = options.GmsaCredentialSpec ?? string.Empty,
                HostProcess = options.HostProcess == true,
            },
        };
    }

    internal static WindowsContainerResources Resources(V1Container container, int nodeCpuCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCpuCount, 1);
        var resources = new WindowsContainerResources();
        var limits = container.Resources?.Limits;
        if (limits is not null && limits.TryGetValue("cpu", out var cpu) && QuantityValues.MilliValue(cpu) is var milli and not 0)
        {
            resources.CpuMaximum = CpuMaximum(milli, nodeCpuCount);
        }

        if (limits is not null && limits.TryGetValue("memory", out var memory) && QuantityValues.Value(memory) is var bytes and not 0)
        {
            resources.MemoryLimitInBytes = bytes;
        }

        return resources;
    }

    /// <summary>upstream's calculateCPUMaximum: the limit as hundredths of a percent of all processors, in [1, 10000].</summary>
    internal static long CpuMaximum(long milliCpu, int nodeCpuCount) => Math.Clamp(10 * milliCpu / nodeCpuCount, 1, 10_000);

    private static void Refuse(V1PodSpec spec, V1Container container)
    {
        var own = container.SecurityContext;
        // RunAsUser is a uid; Windows containers run as a user name (windowsOptions.runAsUserName).
        if ((own?.RunAsUser ?? spec.SecurityContext?.RunAsUser) is { } uid)
        {
            throw new ContainerConfigException($"run as uid ({uid}) is not supported on Windows");
        }

        if (own?.Privileged == true && !WindowsSecurity.IsHostProcess(spec, container))
        {
            throw new ContainerConfigException("privileged containers are not supported on Windows: use securityContext.windowsOptions.hostProcess");
        }
    }
}
