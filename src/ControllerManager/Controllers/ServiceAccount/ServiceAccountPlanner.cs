namespace Orchestrator.ControllerManager.Controllers.ServiceAccount;

/// <summary>Which of the service accounts every namespace must have are missing from one namespace.</summary>
internal static class ServiceAccountPlanner
{
    /// <summary>Upstream's default: every namespace gets a "default" service account.</summary>
    public static IReadOnlyList<string> Required { get; } = ["default"];

    /// <summary>The names to create; none for a namespace that is gone or terminating (creates there are refused).</summary>
    public static IReadOnlyList<string> Missing(V1Namespace? ns, IEnumerable<string> existing, IReadOnlyList<string> required)
    {
        if (ns is null || ns.Metadata.DeletionTimestamp is not null || ns.Status?.Phase == "Terminating")
        {
            return [];
        }

        var present = existing.ToHashSet(StringComparer.Ordinal);
        return [.. required.Where(name => !present.Contains(name))];
    }
}
