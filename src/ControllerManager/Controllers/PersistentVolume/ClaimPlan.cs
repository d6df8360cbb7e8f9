namespace Orchestrator.ControllerManager.Controllers.PersistentVolume;

/// <summary>
/// What one sync of a claim does, applied in this order: give it the default class (and stop: the update
/// brings the claim back); bind it to <see cref="Bind"/> (volume first, then the claim); mark it for
/// <see cref="Provisioner"/>; set <see cref="Phase"/>; record <see cref="Event"/> (only when the phase
/// changed if <see cref="EventOnPhaseChange"/>). <see cref="Error"/> fails the sync so it is retried.
/// </summary>
internal sealed record ClaimPlan
{
    public static ClaimPlan Nothing { get; } = new();

    public string? AssignClass { get; init; }

    public V1PersistentVolume? Bind { get; init; }

    public string? Provisioner { get; init; }

    public string? Phase { get; init; }

    public BinderEvent? Event { get; init; }

    public bool EventOnPhaseChange { get; init; }

    public string? Error { get; init; }
}
