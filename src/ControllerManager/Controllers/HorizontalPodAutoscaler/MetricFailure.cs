namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>One metric of an autoscaler failed: the reason and message of its event and condition, and the error the sync reports.</summary>
internal sealed class MetricFailure(string reason, string message, string outer) : Exception(message)
{
    public string Reason { get; } = reason;

    public string Outer { get; } = outer;
}
