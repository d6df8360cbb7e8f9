namespace Orchestrator.ControllerManager.Controllers.Namespace;

/// <summary>
/// The deletion status conditions upstream's namespace deleter maintains: each type is True with a
/// failure reason while something is wrong, otherwise False with the "ok" reason and message.
/// </summary>
internal static class NamespaceConditions
{
    public const string DiscoveryFailure = "NamespaceDeletionDiscoveryFailure";
    public const string GroupVersionParsingFailure = "NamespaceDeletionGroupVersionParsingFailure";
    public const string ContentFailure = "NamespaceDeletionContentFailure";
    public const string ContentRemaining = "NamespaceContentRemaining";
    public const string FinalizersRemaining = "NamespaceFinalizersRemaining";

    private static readonly (string Type, string Reason, string Message)[] Ok =
    [
        (DiscoveryFailure, "ResourcesDiscovered", "All resources successfully discovered"),
        (GroupVersionParsingFailure, "ParsedGroupVersions", "All legacy kube types successfully parsed"),
        (ContentFailure, "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
        (ContentRemaining, "ContentRemoved", "All content successfully removed"),
        (FinalizersRemaining, "ContentRemoved", "All content successfully removed"),
    ];

    /// <summary>The conditions after this pass; Changed is false when nothing differs (no status write needed).</summary>
    public static (IList<V1NamespaceCondition> Conditions, bool Changed) Compute(
        IEnumerable<V1NamespaceCondition>? existing, IReadOnlyList<KindDeletionResult> results, DateTime now)
    {
        var failures = Failures(results);
        var conditions = (existing ?? []).Select(c => new V1NamespaceCondition
        {
            Type = c.Type,
            Status = c.Status,
            Reason = c.Reason,
            Message = c.Message,
            LastTransitionTime = c.LastTransitionTime,
        }).ToList();
        var changed = false;
        foreach (var (type, okReason, okMessage) in Ok)
        {
            var (status, reason, message) = failures.TryGetValue(type, out var failure)
                ? ("True", failure.Reason, failure.Message)
                : ("False", okReason, okMessage);
            var old = conditions.FirstOrDefault(c => c.Type == type);
            if (old is null)
            {
                conditions.Add(new V1NamespaceCondition { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = now });
                changed = true;
            }
            else if (old.Status != status || old.Reason != reason || old.Message != message)
            {
                if (old.Status != status)
                {
                    old.LastTransitionTime = now;
                }

                old.Status = status;
                old.Reason = reason;
                old.Message = message;
                changed = true;
            }
        }

        return (conditions, changed);
    }

    private static Dictionary<string, (string Reason, string Message)> Failures(IReadOnlyList<KindDeletionResult> results)
    {
        var failures = new Dictionary<string, (string, string)>();
        var errors = results.Where(r => r.Error is not null).Select(r => r.Error!).Order(StringComparer.Ordinal).ToList();
        if (errors.Count > 0)
        {
            failures[ContentFailure] = ("ContentDeletionFailed",
                $"Failed to delete all resource types, {errors.Count} remaining: {string.Join(", ", errors)}");
        }

        var remaining = results.Where(r => r.Remaining > 0)
            .Select(r => $"{r.GroupResource} has {r.Remaining} resource instances")
            .Order(StringComparer.Ordinal).ToList();
        if (remaining.Count > 0)
        {
            failures[ContentRemaining] = ("SomeResourcesRemain", $"Some resources are remaining: {string.Join(", ", remaining)}");
        }

        var byFinalizer = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (finalizer, count) in results.SelectMany(r => r.Finalizers))
        {
            byFinalizer[finalizer] = byFinalizer.GetValueOrDefault(finalizer) + count;
        }

        var finalizers = byFinalizer.Where(f => f.Value > 0)
            .Select(f => $"{f.Key} in {f.Value} resource instances")
            .Order(StringComparer.Ordinal).ToList();
        if (finalizers.Count > 0)
        {
            failures[FinalizersRemaining] = ("SomeFinalizerRemain", $"Some finalizers are remaining: {string.Join(", ", finalizers)}");
        }

        return failures;
    }
}
