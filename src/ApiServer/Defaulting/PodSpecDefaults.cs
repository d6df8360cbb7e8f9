namespace Orchestrator.ApiServer.Defaulting;

/// <summary>
/// Upstream's SetDefaults_PodSpec with its containers and volumes: applied to pods and to every pod
/// template. Job templates get restartPolicy Always too, as upstream does (validation then rejects it).
/// </summary>
internal static class PodSpecDefaults
{
    /// <summary>Defaults the spec of a pod template (<c>template.spec</c>), creating it when absent.</summary>
    public static void ApplyTemplate(JsonObject owner)
    {
        var template = JsonFields.Child(owner, "template");
        Apply(JsonFields.Child(template, "spec"));
    }

    public static void Apply(JsonObject spec)
    {
        JsonFields.Default(spec, "restartPolicy", "Always");
        JsonFields.Default(spec, "terminationGracePeriodSeconds", 30);
        JsonFields.Default(spec, "dnsPolicy", "ClusterFirst");
        JsonFields.Default(spec, "schedulerName", "default-scheduler");
        JsonFields.Default(spec, "securityContext", new JsonObject());
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var (_, container) in JsonFields.Items(spec, list))
            {
                ContainerDefaults.Apply(container);
                if (spec["hostNetwork"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
                {
                    // Upstream's defaultHostNetworkPorts: on the host network the host port is the container port.
                    foreach (var (_, port) in JsonFields.Items(container, "ports"))
                    {
                        JsonFields.Default(port, "hostPort", port["containerPort"]?.DeepClone());
                    }
                }
            }
        }

        // SetDefaults_EphemeralContainer: the container defaults, without the host network's ports (they may have none).
        foreach (var (_, container) in JsonFields.Items(spec, "ephemeralContainers"))
        {
            ContainerDefaults.Apply(container);
        }

        foreach (var (_, volume) in JsonFields.Items(spec, "volumes"))
        {
            VolumeDefaults.Apply(volume);
        }
    }
}
