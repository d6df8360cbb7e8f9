namespace Orchestrator.Kubelet.Runtime.Cri.Windows;

/// <summary>
/// The CRI WindowsPodSandboxConfig of a pod on a Windows node, as upstream's generatePodSandboxWindowsConfig
/// (pkg/kubelet/kuberuntime/kuberuntime_sandbox.go) builds it: HostProcess only when every container is one and
/// the pod is on the host network; the pod's windowsOptions gMSA credential spec and user name passed through.
/// Windows has no process or IPC namespaces to share with the host: hostPID and hostIPC are refused, not dropped.
/// </summary>
internal static class WindowsSandboxConfigFactory
{
    public static WindowsPodSandboxConfig Build(V1PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.HostPID == true)
        {
            throw new SandboxConfigException("hostPID is not supported on Windows");
        }

        if (spec.HostIPC == true)
        {
            throw new SandboxConfigException("hostIPC is not supported on Windows");
        }

        var security = new WindowsSandboxSecurityContext();
        var hostProcess = WindowsSecurity.AnyHostProcess(spec);
        if (hostProcess)
        {
            if (!WindowsSecurity.AllHostProcess(spec))
            {
                throw new SandboxConfigException("pod must not contain both HostProcess and non-HostProcess containers");
            }

            if (spec.HostNetwork != true)
            {
                throw new SandboxConfigException("hostNetwork is required if Pod contains HostProcess containers");
            }

            security.HostProcess = true;
        }

        if (spec.SecurityContext?.WindowsOptions is not { } options)
        {
            return new WindowsPodSandboxConfig { SecurityContext = security };
        }

        security.CredentialSpec = options.GmsaCredentialSpec ?? string.Empty;
        security.RunAsUsername = options.RunAsUserName ?? string.Empty;
        if (hostProcess && options.HostProcess == false)
        {
            throw new SandboxConfigException("pod must not contain any HostProcess containers if Pod's WindowsOptions.HostProcess is set to false");
        }

        return new WindowsPodSandboxConfig { SecurityContext = security };
    }
}
