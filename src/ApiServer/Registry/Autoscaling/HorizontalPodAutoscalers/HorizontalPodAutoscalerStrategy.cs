using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;

/// <summary>
/// autoscaling/v2 HorizontalPodAutoscalers (upstream pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go):
/// upstream's v2 defaults (<see cref="HorizontalPodAutoscalerDefaults"/>), a new autoscaler starts without
/// status, and ValidateHorizontalPodAutoscaler on create and update. autoscaling/v1 is served from the same
/// stored objects through <see cref="HorizontalPodAutoscalerConversion"/>.
/// </summary>
internal sealed class HorizontalPodAutoscalerStrategy() : ResourceStrategy(new HorizontalPodAutoscalerPrinter())
{
    public override void Default(JsonObject obj, bool create) => HorizontalPodAutoscalerDefaults.Apply(obj);

    public override void Validate(JsonObject obj, List<StatusCause> causes) => HorizontalPodAutoscalerValidation.Validate(obj, causes);
}
