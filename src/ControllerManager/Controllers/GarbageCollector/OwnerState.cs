namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

/// <summary>What the garbage collector found for one ownerReference of a dependent.</summary>
internal enum OwnerState
{
    /// <summary>The owner exists (same uid) and is not deleting its dependents.</summary>
    Solid,

    /// <summary>The owner is gone, or a different object (another uid) has its name now.</summary>
    Dangling,

    /// <summary>The owner is being deleted in the foreground: its dependents must go first.</summary>
    WaitingForDependentsDeletion,
}
