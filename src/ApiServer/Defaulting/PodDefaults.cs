using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's SetDefaults_Pod on top of the PodSpec defaults, and the DefaultTolerationSeconds admission on create.</summary>
internal static class PodDefaults
{
    private const long TolerationSeconds = 300;

    public static void Apply(JsonObject pod, bool create)
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

        if (create)
        {
            AddDefaultTolerations(spec);
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

    private static void AddDefaultTolerations(JsonObject spec)
    {
        var existing = JsonFields.Items(spec, "tolerations").Select(t => t.Item).ToList();
        var missing = new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" }
            .Where(key => !existing.Any(t => Tolerates(t, key)))
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var tolerations = spec["tolerations"] as JsonArray ?? [];
        spec["tolerations"] = tolerations;
        foreach (var key in missing)
        {
            tolerations.Add(new JsonObject
            {
                ["key"] = key,
                ["operator"] = "Exists",
                ["effect"] = "NoExecute",
                ["tolerationSeconds"] = TolerationSeconds,
            });
        }
    }

    private static bool Tolerates(JsonObject toleration, string key) =>
        JsonFields.Text(toleration["key"]) is null or "" || JsonFields.Text(toleration["key"]) == key
            ? JsonFields.Text(toleration["effect"]) is null or "" or "NoExecute"
            : false;
}
