namespace Orchestrator.Host.Explain;

/// <summary>
/// What the pod's volumes and environment name but the namespace lacks: claims missing or not Bound, ConfigMaps and
/// Secrets missing (unless optional), and the kubelet's FailedMount messages.
/// </summary>
internal static class VolumeAnalysis
{
    public static IEnumerable<Finding> Analyse(PodFacts facts)
    {
        var pod = facts.Pod;
        if (pod.Status?.Phase is "Succeeded" or "Failed" || (ApiMachinery.Pods.PodState.IsReady(pod) && pod.Status?.Phase == "Running"))
        {
            yield break;
        }

        var ns = pod.Metadata.NamespaceProperty;
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            if (volume.PersistentVolumeClaim?.ClaimName is { } claimName)
            {
                var claim = facts.Claims.FirstOrDefault(c => c.Metadata.Name == claimName);
                if (claim is null)
                {
                    yield return new Finding(Severity.Error, $"Volume {volume.Name}: PersistentVolumeClaim {claimName} does not exist in namespace {ns}",
                        [], $"create the claim (kubectl get pvc -n {ns}) or fix spec.volumes[].persistentVolumeClaim.claimName");
                }
                else if (claim.Status?.Phase != "Bound")
                {
                    var storageClass = claim.Spec?.StorageClassName is { } sc ? $"storage class {sc}" : "no storage class (only a matching PersistentVolume can bind it)";
                    yield return new Finding(Severity.Error, $"Volume {volume.Name}: PersistentVolumeClaim {claimName} is {claim.Status?.Phase ?? "Pending"}, not Bound",
                        [$"asks {Storage(claim)} with {storageClass}"],
                        $"kubectl describe pvc {claimName} -n {ns} shows the binder's and provisioner's events: no matching volume, or no provisioner for the class");
                }
            }

            if (volume.ConfigMap is { } configMap && configMap.Optional != true && !facts.ConfigMaps.Contains(configMap.Name))
            {
                yield return Missing(volume.Name, "ConfigMap", configMap.Name, ns);
            }

            if (volume.Secret is { } secret && secret.Optional != true && !facts.Secrets.Contains(secret.SecretName))
            {
                yield return Missing(volume.Name, "Secret", secret.SecretName, ns);
            }

            foreach (var source in volume.Projected?.Sources ?? [])
            {
                if (source.ConfigMap is { } c && c.Optional != true && !facts.ConfigMaps.Contains(c.Name))
                {
                    yield return Missing(volume.Name, "ConfigMap", c.Name, ns);
                }

                if (source.Secret is { } s && s.Optional != true && !facts.Secrets.Contains(s.Name))
                {
                    yield return Missing(volume.Name, "Secret", s.Name, ns);
                }
            }
        }

        foreach (var (container, kind, name) in EnvironmentReferences(pod).Distinct())
        {
            if (!(kind == "ConfigMap" ? facts.ConfigMaps : facts.Secrets).Contains(name))
            {
                yield return new Finding(Severity.Error, $"Container {container}: its environment reads {kind} {name}, which does not exist in namespace {ns}",
                    [], $"create it (kubectl create {kind.ToLowerInvariant()} {(kind == "Secret" ? "generic " : "")}{name} -n {ns} …) or mark the reference optional");
            }
        }

        if (facts.EventsOf("FailedMount").FirstOrDefault() is { } mount)
        {
            yield return new Finding(Severity.Warning, "The kubelet cannot mount a volume",
                [$"kubelet ({SchedulingAnalysis.Ago(PodFacts.LastSeen(mount), facts.Now)}): {mount.Message}"], null);
        }
    }

    private static Finding Missing(string volume, string kind, string name, string ns) =>
        new(Severity.Error, $"Volume {volume}: {kind} {name} does not exist in namespace {ns}", [],
            $"create it, or mark the volume optional: true; the pod waits in ContainerCreating until it exists");

    private static IEnumerable<(string Container, string Kind, string Name)> EnvironmentReferences(V1Pod pod)
    {
        foreach (var container in (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []))
        {
            foreach (var env in container.Env ?? [])
            {
                if (env.ValueFrom?.ConfigMapKeyRef is { Optional: not true } c)
                {
                    yield return (container.Name, "ConfigMap", c.Name);
                }

                if (env.ValueFrom?.SecretKeyRef is { Optional: not true } s)
                {
                    yield return (container.Name, "Secret", s.Name);
                }
            }

            foreach (var from in container.EnvFrom ?? [])
            {
                if (from.ConfigMapRef is { Optional: not true } c)
                {
                    yield return (container.Name, "ConfigMap", c.Name);
                }

                if (from.SecretRef is { Optional: not true } s)
                {
                    yield return (container.Name, "Secret", s.Name);
                }
            }
        }
    }

    private static string Storage(V1PersistentVolumeClaim claim) =>
        claim.Spec?.Resources?.Requests?.TryGetValue("storage", out var size) == true ? size.ToString() : "an unstated size";
}
