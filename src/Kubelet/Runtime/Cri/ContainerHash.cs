using System.Security.Cryptography;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// The hash of a container's spec, stamped on the CRI container when it is created: a container
/// whose spec hash no longer matches its pod's (an image changed on a bare pod) is restarted.
/// Resources are left out, as upstream does, so that in-place resizes do not restart containers.
/// </summary>
internal static class ContainerHash
{
    public static string Of(V1Container container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var json = KubernetesJson.Serialize(new V1Container
        {
            Name = container.Name,
            Image = container.Image,
            Command = container.Command,
            Args = container.Args,
            WorkingDir = container.WorkingDir,
            Ports = container.Ports,
            EnvFrom = container.EnvFrom,
            Env = container.Env,
            VolumeMounts = container.VolumeMounts,
            LivenessProbe = container.LivenessProbe,
            ReadinessProbe = container.ReadinessProbe,
            StartupProbe = container.StartupProbe,
            Lifecycle = container.Lifecycle,
            SecurityContext = container.SecurityContext,
            Stdin = container.Stdin,
            Tty = container.Tty,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..8];
    }
}
