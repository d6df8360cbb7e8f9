namespace Orchestrator.ApiServer.OpenApi.V2;

/// <summary>
/// Rewrites an OpenAPI v3 component schema into a Swagger 2.0 definition the way kube-apiserver's
/// two documents differ: references are bare <c>$ref</c>s into <c>#/definitions/</c> (v2 allows a
/// description beside them), and the oneOf unions of IntOrString and Quantity become strings.
/// </summary>
internal static class SchemaV2Converter
{
    public const string RefPrefix = "#/definitions/";

    public static JsonObject Convert(JsonObject v3)
    {
        var v2 = new JsonObject();
        foreach (var (key, value) in v3)
        {
            switch (key)
            {
                case "allOf" when value is JsonArray { Count: 1 } all && all[0] is JsonObject only && only["$ref"] is not null:
                    v2["$ref"] = Reference(only["$ref"]!.GetValue<string>());
                    break;
                case "$ref":
                    v2["$ref"] = Reference(value!.GetValue<string>());
                    break;
                case "oneOf":
                    // Swagger 2.0 has no unions; upstream's v2 calls both scalars strings.
                    v2["type"] = "string";
                    break;
                case "properties":
                    var properties = new JsonObject();
                    foreach (var (name, property) in value!.AsObject())
                    {
                        properties[name] = Convert(property!.AsObject());
                    }

                    v2[key] = properties;
                    break;
                case "items" or "additionalProperties" when value is JsonObject nested:
                    v2[key] = Convert(nested);
                    break;
                default:
                    v2[key] = value?.DeepClone();
                    break;
            }
        }

        return v2;
    }

    private static string Reference(string v3Reference) =>
        v3Reference.StartsWith(SchemaGenerator.RefPrefix, StringComparison.Ordinal)
            ? RefPrefix + v3Reference[SchemaGenerator.RefPrefix.Length..]
            : throw new InvalidOperationException($"Reference {v3Reference} does not point into components.schemas");
}
