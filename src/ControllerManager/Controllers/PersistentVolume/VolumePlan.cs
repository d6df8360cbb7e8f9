namespace Orchestrator.ControllerManager.Controllers.PersistentVolume;

/// <summary>
/// What one sync of a volume does, in this order: roll back its binding (<see cref="Unbind"/>: the claimRef
/// goes when the controller made it, only its uid when the user pre-bound it, and the volume is Available
/// again); set <see cref="Phase"/> with <see cref="Message"/> (and <see cref="PhaseEvent"/> when the phase
/// changes); record <see cref="Events"/>; sync <see cref="Claim"/> next.
/// </summary>
internal sealed record VolumePlan
{
    public static VolumePlan Nothing { get; } = new();

    public bool Unbind { get; init; }

    public string? Phase { get; init; }

    public string? Message { get; init; }

    public BinderEvent? PhaseEvent { get; init; }

    public IReadOnlyList<(bool OnClaim, BinderEvent Event)> Events { get; init; } = [];

    public NamespacedName? Claim { get; init; }
}
