namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// upstream's verifyRunAsNonRoot: a container whose effective securityContext says runAsNonRoot
/// must not run as uid 0, whether its runAsUser says so or (without one) its image's user does;
/// an image user given by name cannot be verified and is refused too. Messages are upstream's.
/// </summary>
internal static class NonRootPolicy
{
    /// <summary>Whether the image's user must be known to decide (runAsNonRoot without a runAsUser).</summary>
    public static bool NeedsImageUser(V1PodSpec spec, V1Container container)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(container);
        return RunAsNonRoot(spec, container) && RunAsUser(spec, container) is null;
    }

    /// <summary>Why the container may not start (null: it may).</summary>
    /// <param name="imageUid">The image's numeric user (upstream treats an image naming no user as uid 0).</param>
    /// <param name="imageUser">The image's user name when it names one and no uid.</param>
    public static string? Violation(V1Pod pod, V1Container container, long? imageUid, string? imageUser)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        if (!RunAsNonRoot(pod.Spec, container))
        {
            return null;
        }

        var described = $"{pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})";
        if (RunAsUser(pod.Spec, container) is { } user)
        {
            return user == 0 ? $"container's runAsUser breaks non-root policy (pod: \"{described}\", container: {container.Name})" : null;
        }

        return imageUid switch
        {
            0 => $"container has runAsNonRoot and image will run as root (pod: \"{described}\", container: {container.Name})",
            null when !string.IsNullOrEmpty(imageUser) =>
                $"container has runAsNonRoot and image has non-numeric user ({imageUser}), cannot verify user is non-root (pod: \"{described}\", container: {container.Name})",
            _ => null,
        };
    }

    private static bool RunAsNonRoot(V1PodSpec spec, V1Container container) =>
        (container.SecurityContext?.RunAsNonRoot ?? spec.SecurityContext?.RunAsNonRoot) == true;

    private static long? RunAsUser(V1PodSpec spec, V1Container container) =>
        container.SecurityContext?.RunAsUser ?? spec.SecurityContext?.RunAsUser;
}
