using Orchestrator.Kubelet.EnvVars;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Upstream's makeMounts for the volumes of a container: each volumeMount's host path (the volume,
/// or a subPath in it, created as a directory with the volume's mode when missing, like upstream),
/// read-only when the mount says so and always for configMap, secret, downwardAPI and projected.
/// </summary>
internal static class ContainerMounts
{
    /// <param name="container">The container whose volumeMounts are resolved.</param>
    /// <param name="pod">The pod, whose volumes the mounts name.</param>
    /// <param name="volumes">The pod's set-up volumes.</param>
    /// <param name="env">The container's environment, which subPathExpr expands against.</param>
    /// <param name="etcHostsPath">The pod's managed hosts file (<see cref="VolumeManager.WriteEtcHosts"/>), mounted at /etc/hosts unless the container mounts something there.</param>
    /// <exception cref="ContainerConfigException">A mount names no volume of the pod, or its subPath is invalid.</exception>
    public static IReadOnlyList<ContainerMount> For(
        V1Container container,
        V1Pod pod,
        PodVolumes volumes,
        IReadOnlyList<KeyValuePair<string, string>>? env = null,
        string? etcHostsPath = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(volumes);
        var mounts = new List<ContainerMount>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Spec?.Volumes?.FirstOrDefault(v => v.Name == mount.Name);
            if (volume is null || !volumes.HostPaths.TryGetValue(mount.Name, out var hostPath))
            {
                throw new ContainerConfigException($"cannot find volume \"{mount.Name}\" to mount into container \"{container.Name}\"");
            }

            var subPath = string.IsNullOrEmpty(mount.SubPathExpr) ? mount.SubPath : ExpandSubPath(mount.SubPathExpr, env);
            if (!string.IsNullOrEmpty(subPath))
            {
                hostPath = SubPath(hostPath, subPath, mount, container);
            }

            var propagation = mount.MountPropagation is null or "None" ? null : mount.MountPropagation;
            if (propagation is not (null or "HostToContainer" or "Bidirectional"))
            {
                throw new ContainerConfigException($"invalid mount propagation mode \"{mount.MountPropagation}\" of volumeMount \"{mount.Name}\"");
            }

            mounts.Add(new ContainerMount(hostPath, mount.MountPath, mount.ReadOnlyProperty == true || VolumePlugins.IsAlwaysReadOnly(volume), propagation));
        }

        if (etcHostsPath is not null && !mounts.Any(m => m.ContainerPath == EtcHosts.ContainerPath))
        {
            mounts.Add(new ContainerMount(etcHostsPath, EtcHosts.ContainerPath, false));
        }

        return mounts;
    }

    /// <summary>Upstream's ExpandContainerVolumeMounts: <c>$(VAR)</c> from the container's environment; an unset or empty variable is an error.</summary>
    private static string ExpandSubPath(string expr, IReadOnlyList<KeyValuePair<string, string>>? env)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in env ?? [])
        {
            vars[name] = value;
        }

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var expanded = VarExpansion.Expand(expr, name =>
        {
            if (!vars.TryGetValue(name, out var value) || value.Length == 0)
            {
                missing.Add(name);
                return string.Empty;
            }

            return value;
        });
        return missing.Count > 0 ? throw new ContainerConfigException($"missing value for {string.Join(", ", missing)}") : expanded;
    }

    private static string SubPath(string volumePath, string subPath, V1VolumeMount mount, V1Container container)
    {
        if (Path.IsPathRooted(subPath))
        {
            throw new ContainerConfigException($"error SubPath `{subPath}` must not be an absolute path");
        }

        if (subPath.Split('/').Contains(".."))
        {
            throw new ContainerConfigException($"unable to provision SubPath `{subPath}`: must not contain '..'");
        }

        var path = Path.Join(volumePath, subPath);
        if (!Path.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            try
            {
                // Created now, with the volume's mode, so it is not created later by the runtime with root's umask.
                UnixFiles.CreateDirectory(path, UnixFiles.GetMode(volumePath));
            }
            catch (IOException e)
            {
                throw new ContainerConfigException($"failed to create subPath directory for volumeMount \"{mount.Name}\" of container \"{container.Name}\"", e);
            }
        }

        var real = RealPath.Of(path);
        var root = RealPath.Of(volumePath);
        if (real != root && !real.StartsWith(root + "/", StringComparison.Ordinal))
        {
            throw new ContainerConfigException($"subpath \"{real}\" not within volume path \"{root}\"");
        }

        return real;
    }
}
