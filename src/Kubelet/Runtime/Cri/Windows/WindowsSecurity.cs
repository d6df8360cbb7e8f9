namespace Orchestrator.Kubelet.Runtime.Cri.Windows;

/// <summary>
/// A container's effective windowsOptions (the container's fields over the pod's, field by field, as upstream's
/// securitycontext.DetermineEffectiveSecurityContext merges them) and the HostProcess questions upstream's
/// kubecontainer helpers answer (HasWindowsHostProcessContainer, AllContainersAreWindowsHostProcess).
/// </summary>
internal static class WindowsSecurity
{
    public static V1WindowsSecurityContextOptions Effective(V1PodSpec spec, V1Container container)
    {
        var pod = spec.SecurityContext?.WindowsOptions;
        var own = container.SecurityContext?.WindowsOptions;
        return new V1WindowsSecurityContextOptions
        {
            GmsaCredentialSpecName = own?.GmsaCredentialSpecName ?? pod?.GmsaCredentialSpecName,
            GmsaCredentialSpec = own?.GmsaCredentialSpec ?? pod?.GmsaCredentialSpec,
            RunAsUserName = own?.RunAsUserName ?? pod?.RunAsUserName,
            HostProcess = own?.HostProcess ?? pod?.HostProcess,
        };
    }

    /// <summary>upstream's HasWindowsHostProcessRequest: the container runs as a HostProcess container.</summary>
    public static bool IsHostProcess(V1PodSpec spec, V1Container container) => Effective(spec, container).HostProcess == true;

    public static bool AnyHostProcess(V1PodSpec spec) => Containers(spec).Any(c => IsHostProcess(spec, c));

    public static bool AllHostProcess(V1PodSpec spec) => Containers(spec).All(c => IsHostProcess(spec, c));

    private static IEnumerable<V1Container> Containers(V1PodSpec spec) => spec.Containers.Concat(spec.InitContainers ?? []);
}
