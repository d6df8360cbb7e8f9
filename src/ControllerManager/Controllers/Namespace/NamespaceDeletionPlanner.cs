namespace Orchestrator.ControllerManager.Controllers.Namespace;

/// <summary>What to do next with a terminating namespace, once its content has been asked to go.</summary>
internal abstract record NamespaceDeletionDecision
{
    private NamespaceDeletionDecision()
    {
    }

    /// <summary>Everything is gone: remove the "kubernetes" finalizer so the API server deletes the namespace.</summary>
    public sealed record Finalize : NamespaceDeletionDecision;

    /// <summary>Content is still terminating gracefully or held by finalizers: look again later.</summary>
    public sealed record Wait(TimeSpan After) : NamespaceDeletionDecision;

    /// <summary>Deleting failed: retry with backoff.</summary>
    public sealed record Retry(string Message) : NamespaceDeletionDecision;
}

/// <summary>The pure decisions of upstream's namespaced-resources deleter.</summary>
internal static class NamespaceDeletionPlanner
{
    /// <summary>The finalizer the namespace controller owns in spec.finalizers.</summary>
    public const string KubernetesFinalizer = "kubernetes";

    /// <summary>Upstream's estimate when remaining objects wait on finalizers (e.g. the garbage collector).</summary>
    public const long FinalizerEstimateSeconds = 15;

    /// <summary>
    /// How long pods may still be terminating: the longest grace period of the non-terminal pods,
    /// or zero once that long has passed since the namespace was deleted.
    /// </summary>
    public static long EstimatePods(IEnumerable<V1Pod> pods, DateTime namespaceDeletedAt, DateTime now)
    {
        long estimate = 0;
        foreach (var pod in pods)
        {
            if (pod.Status?.Phase is "Succeeded" or "Failed")
            {
                continue;
            }

            estimate = Math.Max(estimate, pod.Spec?.TerminationGracePeriodSeconds ?? 30);
        }

        return now - namespaceDeletedAt >= TimeSpan.FromSeconds(estimate) ? 0 : estimate;
    }

    /// <summary>
    /// The result for one kind after its delete: objects left with no estimate are expected only when
    /// finalizers hold them (then wait the finalizer estimate); otherwise something went wrong.
    /// </summary>
    public static KindDeletionResult Remaining(string ns, string groupResource, IReadOnlyList<V1ObjectMeta> remaining, long estimate)
    {
        var finalizers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var finalizer in remaining.SelectMany(m => m.Finalizers ?? []))
        {
            finalizers[finalizer] = finalizers.GetValueOrDefault(finalizer) + 1;
        }

        if (remaining.Count > 0 && estimate == 0)
        {
            if (finalizers.Count > 0)
            {
                return new KindDeletionResult(groupResource, remaining.Count, finalizers, FinalizerEstimateSeconds);
            }

            return new KindDeletionResult(groupResource, remaining.Count, finalizers, 0,
                $"unexpected items still remain in namespace: {ns} for gvr: {groupResource}");
        }

        return new KindDeletionResult(groupResource, remaining.Count, finalizers, estimate);
    }

    public static NamespaceDeletionDecision Decide(IReadOnlyList<KindDeletionResult> results)
    {
        var errors = results.Where(r => r.Error is not null).Select(r => r.Error!).Order(StringComparer.Ordinal).ToList();
        if (errors.Count > 0)
        {
            return new NamespaceDeletionDecision.Retry(string.Join("; ", errors));
        }

        var estimate = results.Count == 0 ? 0 : results.Max(r => r.EstimateSeconds);
        if (estimate > 0)
        {
            // Upstream requeues after half the estimate, plus one second.
            return new NamespaceDeletionDecision.Wait(TimeSpan.FromSeconds((estimate / 2) + 1));
        }

        return new NamespaceDeletionDecision.Finalize();
    }

    /// <summary>spec.finalizers without ours; null when ours is not there (nothing for this controller to do).</summary>
    public static IList<string>? WithoutKubernetesFinalizer(V1Namespace ns)
    {
        var finalizers = ns.Spec?.Finalizers ?? [];
        return finalizers.Contains(KubernetesFinalizer) ? [.. finalizers.Where(f => f != KubernetesFinalizer)] : null;
    }
}
