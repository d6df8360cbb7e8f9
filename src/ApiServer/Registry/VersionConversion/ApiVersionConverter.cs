namespace Orchestrator.ApiServer.Registry.VersionConversion;

/// <summary>
/// The conversion of versions whose schemas are the same (a CustomResourceDefinition's <c>None</c>
/// strategy): only <c>apiVersion</c> changes, every other field is kept as it is.
/// </summary>
internal sealed class ApiVersionConverter : IVersionConverter
{
    public static ApiVersionConverter Instance { get; } = new();

    public JsonObject ToServed(JsonObject stored, ResourceDefinition served) => Retyped(stored, served);

    public JsonObject ToStorage(JsonObject served, ResourceDefinition storage) => Retyped(served, storage);

    private static JsonObject Retyped(JsonObject obj, ResourceDefinition to)
    {
        var result = new JsonObject { ["kind"] = to.Kind, ["apiVersion"] = to.ApiVersion };
        foreach (var (name, value) in obj)
        {
            if (name is not ("kind" or "apiVersion"))
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }
}
