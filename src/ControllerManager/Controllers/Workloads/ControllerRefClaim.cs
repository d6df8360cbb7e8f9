namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>What a controller does with one object of its namespace (upstream's <c>BaseControllerRefManager.ClaimObject</c>).</summary>
internal enum ControllerRefClaim
{
    /// <summary>Controlled by another owner, or neither controlled nor adoptable.</summary>
    Ignore,

    /// <summary>Controlled by this owner and matching its selector.</summary>
    Keep,

    /// <summary>Controlled by this owner but no longer matching: its controller reference is removed.</summary>
    Release,

    /// <summary>An orphan matching the selector: this owner becomes its controller.</summary>
    Adopt,
}

/// <summary>Decides <see cref="ControllerRefClaim"/> for an owner and an object; pure.</summary>
internal static class ControllerRefClaims
{
    /// <summary>
    /// An owner being deleted neither releases nor adopts; an object being deleted is not adopted.
    /// </summary>
    public static ControllerRefClaim Of(V1ObjectMeta owner, V1LabelSelector? selector, V1ObjectMeta obj)
    {
        var matches = LabelSelector.Matches(selector, obj.Labels);
        var deleting = owner.DeletionTimestamp is not null;
        if (OwnerReferences.ControllerOf(obj) is { } controller)
        {
            return controller.Uid != owner.Uid ? ControllerRefClaim.Ignore
                : matches ? ControllerRefClaim.Keep
                : deleting ? ControllerRefClaim.Ignore
                : ControllerRefClaim.Release;
        }

        return matches && !deleting && obj.DeletionTimestamp is null ? ControllerRefClaim.Adopt : ControllerRefClaim.Ignore;
    }
}
