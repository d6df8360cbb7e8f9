namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

/// <summary>The pure decisions of upstream's attemptToDeleteItem, orphaning and foreground deletion.</summary>
internal static class GarbageCollectorPlanner
{
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string OrphanFinalizer = "orphan";

    /// <summary>The action for a dependent that is not itself being deleted.</summary>
    /// <param name="owners">The dependent's ownerReferences.</param>
    /// <param name="states">The state of each owner, by uid.</param>
    /// <param name="finalizers">The dependent's finalizers: an existing orphan or foreground one decides the policy.</param>
    /// <param name="hasDependents">Whether the dependent owns objects itself.</param>
    public static GarbageCollectorAction Plan(
        IReadOnlyList<V1OwnerReference> owners, IReadOnlyDictionary<string, OwnerState> states, IEnumerable<string>? finalizers, bool hasDependents)
    {
        if (owners.Count == 0)
        {
            return new GarbageCollectorAction.Keep();
        }

        var solid = owners.Count(o => StateOf(o) == OwnerState.Solid);
        var stale = owners.Where(o => StateOf(o) != OwnerState.Solid).Select(o => o.Uid).ToList();
        var waiting = owners.Any(o => StateOf(o) == OwnerState.WaitingForDependentsDeletion);
        if (solid > 0)
        {
            return stale.Count > 0 ? new GarbageCollectorAction.RemoveOwnerReferences(stale) : new GarbageCollectorAction.Keep();
        }

        if (waiting && hasDependents)
        {
            // Its owner waits for it, and it has dependents of its own: those must go before it does.
            return new GarbageCollectorAction.Delete("Foreground");
        }

        var existing = finalizers?.ToList() ?? [];
        var policy = existing.Contains(OrphanFinalizer) ? "Orphan"
            : existing.Contains(ForegroundFinalizer) ? "Foreground"
            : "Background";
        return new GarbageCollectorAction.Delete(policy);

        OwnerState StateOf(V1OwnerReference owner) => states.GetValueOrDefault(owner.Uid, OwnerState.Solid);
    }

    /// <summary>An owner's state from its metadata (found with the uid its dependent references).</summary>
    public static OwnerState StateOf(V1ObjectMeta owner) =>
        owner.DeletionTimestamp is not null && (owner.Finalizers?.Contains(ForegroundFinalizer) ?? false)
            ? OwnerState.WaitingForDependentsDeletion
            : OwnerState.Solid;

    /// <summary>Whether a dependent keeps a foreground-deleting owner waiting: its reference blocks owner deletion.</summary>
    public static bool Blocks(V1ObjectMeta dependent, string ownerUid) =>
        dependent.OwnerReferences?.Any(o => o.Uid == ownerUid && o.BlockOwnerDeletion == true) ?? false;

    /// <summary>The ownerReferences left once those with the given uids are dropped.</summary>
    public static IList<V1OwnerReference> Without(IEnumerable<V1OwnerReference>? owners, IReadOnlyCollection<string> uids) =>
        [.. (owners ?? []).Where(o => !uids.Contains(o.Uid))];
}
