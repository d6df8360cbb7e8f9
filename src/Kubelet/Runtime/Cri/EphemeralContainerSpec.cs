namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// An ephemeral container as the container it runs (upstream converts EphemeralContainerCommon to
/// a Container the same way): every field but targetContainerName, which only chooses the process
/// namespace it joins.
/// </summary>
internal static class EphemeralContainerSpec
{
    public static V1Container ToContainer(V1EphemeralContainer ephemeral)
    {
        ArgumentNullException.ThrowIfNull(ephemeral);
        return new V1Container
        {
            Name = ephemeral.Name,
            Image = ephemeral.Image,
            ImagePullPolicy = ephemeral.ImagePullPolicy,
            Command = ephemeral.Command,
            Args = ephemeral.Args,
            WorkingDir = ephemeral.WorkingDir,
            Env = ephemeral.Env,
            EnvFrom = ephemeral.EnvFrom,
            Ports = ephemeral.Ports,
            Resources = ephemeral.Resources,
            ResizePolicy = ephemeral.ResizePolicy,
            RestartPolicy = ephemeral.RestartPolicy,
            RestartPolicyRules = ephemeral.RestartPolicyRules,
            VolumeMounts = ephemeral.VolumeMounts,
            VolumeDevices = ephemeral.VolumeDevices,
            LivenessProbe = ephemeral.LivenessProbe,
            ReadinessProbe = ephemeral.ReadinessProbe,
            StartupProbe = ephemeral.StartupProbe,
            Lifecycle = ephemeral.Lifecycle,
            TerminationMessagePath = ephemeral.TerminationMessagePath,
            TerminationMessagePolicy = ephemeral.TerminationMessagePolicy,
            SecurityContext = ephemeral.SecurityContext,
            Stdin = ephemeral.Stdin,
            StdinOnce = ephemeral.StdinOnce,
            Tty = ephemeral.Tty,
        };
    }

    /// <summary>The pod's ephemeral containers as containers, in spec order.</summary>
    public static IEnumerable<V1Container> Of(V1Pod pod) => (pod?.Spec?.EphemeralContainers ?? []).Select(ToContainer);
}
