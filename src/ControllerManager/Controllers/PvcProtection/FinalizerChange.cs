namespace Orchestrator.ControllerManager.Controllers.PvcProtection;

/// <summary>What a protection controller does to its finalizer on one object.</summary>
internal enum FinalizerChange
{
    /// <summary>Leave the object as it is.</summary>
    None,

    /// <summary>Add the finalizer: a live object that lacks it (created before the admission plugin ran).</summary>
    Add,

    /// <summary>Remove the finalizer: the object is being deleted and nothing uses it any more.</summary>
    Remove,
}
