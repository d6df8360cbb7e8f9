namespace Orchestrator.ApiServer.Registry.Autoscaling.HorizontalPodAutoscalers;

/// <summary>autoscaling/v1 HorizontalPodAutoscalers served from the stored autoscaling/v2 objects (<see cref="HorizontalPodAutoscalerConversion"/>).</summary>
internal sealed class HorizontalPodAutoscalerV1Converter : IVersionConverter
{
    public static HorizontalPodAutoscalerV1Converter Instance { get; } = new();

    public JsonObject ToServed(JsonObject stored, ResourceDefinition served) => HorizontalPodAutoscalerConversion.ToV1(stored);

    public JsonObject ToStorage(JsonObject served, ResourceDefinition storage) => HorizontalPodAutoscalerConversion.FromV1(served);
}
