namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's SetDefaults_Pod on top of the PodSpec defaults.</summary>
internal static class PodDefaults
{
    public static void Apply(JsonObject pod)
    {
        var spec = JsonFields.Child(pod, "spec");
        PodSpecDefaults.Apply(spec);
        JsonFields.Default(spec, "enableServiceLinks", true);
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var (_, container) in JsonFields.Items(spec, list))
            {
                RequestsFromLimits(container);
            }
        }
    }

    /// <summary>A resource with a limit and no request is requested at its limit.</summary>
    private static void RequestsFromLimits(JsonObject container)
    {
        if (container["resources"] is not JsonObject resources || resources["limits"] is not JsonObject { Count: > 0 } limits)
        {
            return;
        }

        var requests = JsonFields.Child(resources, "requests");
        foreach (var (name, value) in limits)
        {
            JsonFields.Default(requests, name, value?.DeepClone());
        }
    }
}
