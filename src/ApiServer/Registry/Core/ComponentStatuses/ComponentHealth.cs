namespace Orchestrator.ApiServer.Registry.Core.ComponentStatuses;

/// <summary>
/// The health of one component as a ComponentStatus object (one Healthy condition, upstream's shape). Upstream probes
/// the scheduler's and controller manager's /healthz; ours are known by their leader-election Lease: held and renewed
/// within its duration is healthy ("ok"), anything else unhealthy with the reason as the error.
/// </summary>
internal static class ComponentHealth
{
    /// <summary>The component's status from its leader Lease (null: there is none).</summary>
    public static JsonObject FromLease(string component, JsonObject? lease, DateTimeOffset now)
    {
        var spec = lease?["spec"] as JsonObject;
        var holder = spec?["holderIdentity"]?.GetValue<string>() ?? "";
        var duration = spec?["leaseDurationSeconds"]?.GetValue<int>() ?? 0;
        var renewed = spec?["renewTime"]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : (DateTimeOffset?)null;
        if (lease is null)
        {
            return Status(component, false, "", $"no leader lease kube-system/{LeaseName(component)}");
        }

        if (holder.Length == 0 || renewed is null)
        {
            return Status(component, false, "", $"leader lease kube-system/{LeaseName(component)} is not held");
        }

        return renewed.Value.AddSeconds(duration) >= now
            ? Status(component, true, "ok", "")
            : Status(component, false, "", $"leader lease kube-system/{LeaseName(component)} held by {holder} expired at {renewed.Value.AddSeconds(duration).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}");
    }

    /// <summary>The store's status ("etcd-0"): etcd's health answer when it serves, its error otherwise.</summary>
    public static JsonObject FromStore(Exception? error) =>
        error is null ? Status("etcd-0", true, "{\"health\":\"true\",\"reason\":\"\"}", "") : Status("etcd-0", false, "", error.Message);

    /// <summary>The Lease a component holds while it leads: upstream's names.</summary>
    public static string LeaseName(string component) => component == "scheduler" ? "kube-scheduler" : "kube-controller-manager";

    private static JsonObject Status(string name, bool healthy, string message, string error)
    {
        var condition = new JsonObject { ["type"] = "Healthy", ["status"] = healthy ? "True" : "False" };
        if (message.Length > 0)
        {
            condition["message"] = message;
        }

        if (error.Length > 0)
        {
            condition["error"] = error;
        }

        return new JsonObject
        {
            ["kind"] = "ComponentStatus",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["conditions"] = new JsonArray(condition),
        };
    }
}
