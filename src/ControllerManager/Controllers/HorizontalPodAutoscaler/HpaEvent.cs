namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>An event to record on the autoscaler.</summary>
internal sealed record HpaEvent(string Type, string Reason, string Message)
{
    public static HpaEvent Warning(string reason, string message) => new("Warning", reason, message);
}
