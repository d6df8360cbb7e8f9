namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>
/// What one pass over a workload decided: the containers to rewrite, the images that cannot be followed
/// (with why: no tag, not a valid reference), and when to look again.
/// </summary>
internal sealed record ImageUpdatePlan(IReadOnlyList<ImageChange> Changes, IReadOnlyList<string> Unfollowable);
