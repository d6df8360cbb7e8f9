namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>The autoscaler's condition types and upstream's setCondition: a changed status moves lastTransitionTime.</summary>
internal static class HpaConditions
{
    public const string AbleToScale = "AbleToScale";
    public const string ScalingActive = "ScalingActive";
    public const string ScalingLimited = "ScalingLimited";

    public static void Set(V2HorizontalPodAutoscalerStatus status, ConditionChange change, DateTimeOffset now)
    {
        status.Conditions ??= [];
        var existing = status.Conditions.FirstOrDefault(c => c.Type == change.Type);
        if (existing is null)
        {
            existing = new V2HorizontalPodAutoscalerCondition { Type = change.Type };
            status.Conditions.Add(existing);
        }

        if (existing.Status != change.Status)
        {
            existing.LastTransitionTime = Times.ApiTime(now);
        }

        existing.Status = change.Status;
        existing.Reason = change.Reason;
        existing.Message = change.Message;
    }
}
