namespace Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;

/// <summary>
/// autoscaling/v2 HorizontalPodAutoscalers (upstream pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go):
/// upstream's v2 defaults (<see cref="HorizontalPodAutoscalerDefaults"/>), a new autoscaler starts without
/// status, and ValidateHorizontalPodAutoscaler on create and update. autoscaling/v1 is served from the same
/// stored objects through <see cref="HorizontalPodAutoscalerV1Converter"/>; v1's round-trip annotations
/// never reach the store, also when a v2 client sends them (upstream's v2 conversion drops them).
/// </summary>
internal sealed class HorizontalPodAutoscalerStrategy() : ResourceStrategy(new HorizontalPodAutoscalerPrinter())
{
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        HorizontalPodAutoscalerConversion.DropRoundTripAnnotations(obj);
    }

    public override void PrepareForUpdate(JsonObject current, JsonObject updated)
    {
        base.PrepareForUpdate(current, updated);
        HorizontalPodAutoscalerConversion.DropRoundTripAnnotations(updated);
    }

    public override void Default(JsonObject obj, bool create) => HorizontalPodAutoscalerDefaults.Apply(obj);

    public override void Validate(JsonObject obj, List<StatusCause> causes) => HorizontalPodAutoscalerValidation.Validate(obj, causes);
}
