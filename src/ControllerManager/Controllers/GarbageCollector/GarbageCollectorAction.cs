namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

/// <summary>What to do with one dependent, from the states of its owners.</summary>
internal abstract record GarbageCollectorAction
{
    private GarbageCollectorAction()
    {
    }

    /// <summary>Leave it: it has a solid owner and no stale references (or no owners at all).</summary>
    public sealed record Keep : GarbageCollectorAction;

    /// <summary>It has a solid owner: drop the references to owners that are gone or deleting their dependents.</summary>
    public sealed record RemoveOwnerReferences(IReadOnlyList<string> Uids) : GarbageCollectorAction;

    /// <summary>No solid owner is left: delete it with this propagation policy.</summary>
    public sealed record Delete(string PropagationPolicy) : GarbageCollectorAction;
}
