namespace Orchestrator.ApiServer.Registry.Core.ConfigMaps;

/// <summary>ConfigMaps (upstream pkg/registry/core/configmap/strategy.go): valid keys, a size limit, data fixed once <c>immutable</c>.</summary>
internal sealed class ConfigMapStrategy() : ResourceStrategy(new ConfigMapPrinter())
{
    private static readonly string[] Maps = ["data", "binaryData"];

    public override void Validate(JsonObject obj, List<StatusCause> causes)
    {
        ConfigKeyValidation.Validate(obj, Maps, causes);
        DataSizeValidation.ConfigMap(obj, causes);
    }

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes) =>
        UpdateValidation.ImmutableData(causes, current, updated);
}
