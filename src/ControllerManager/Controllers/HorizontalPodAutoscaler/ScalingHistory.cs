namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// What the controller remembers of one autoscaler between syncs, as upstream keeps it in memory (lost on restart):
/// the recent recommendations the stabilization windows look at, and the recent scale changes the behavior
/// policies' periods count. Old entries are overwritten in place rather than removed, as upstream does.
/// Only the worker reconciling the autoscaler touches it (a key is never reconciled twice at once).
/// </summary>
internal sealed class ScalingHistory
{
    public List<TimestampedRecommendation> Recommendations { get; } = [];

    public List<ScaleChange> ScaleUps { get; } = [];

    public List<ScaleChange> ScaleDowns { get; } = [];
}
