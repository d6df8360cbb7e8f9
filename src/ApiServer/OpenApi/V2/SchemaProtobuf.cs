using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Orchestrator.ApiServer.OpenApi.V2;

/// <summary>
/// Encodes a Swagger 2.0 schema (as <see cref="SchemaV2Converter"/> produces it) as gnostic's
/// <c>openapi_v2.Schema</c>. Vendor extension values travel as YAML text; JSON is valid YAML, so
/// each value is written as its JSON. Keywords the generator never emits are refused loudly.
/// </summary>
internal static class SchemaProtobuf
{
    /// <summary>Definitions{ repeated NamedSchema additional_properties = 1 }.</summary>
    public static byte[] Definitions(IEnumerable<(string Name, JsonObject Schema)> schemas) => Proto.Message(definitions =>
    {
        foreach (var (name, schema) in schemas)
        {
            definitions.Embedded(1, NamedSchema(name, schema));
        }
    });

    public static byte[] Schema(JsonObject schema) => Proto.Message(output =>
    {
        foreach (var (key, value) in schema)
        {
            Write(output, key, value);
        }
    });

    private static void Write(CodedOutputStream output, string key, JsonNode? value)
    {
        switch (key)
        {
            case "$ref":
                output.String(1, value!.GetValue<string>());
                break;
            case "format":
                output.String(2, value!.GetValue<string>());
                break;
            case "description":
                output.String(4, value!.GetValue<string>());
                break;
            case "uniqueItems":
                output.Bool(16, value!.GetValue<bool>());
                break;
            case "required":
                foreach (var name in value!.AsArray())
                {
                    output.String(19, name!.GetValue<string>());
                }

                break;
            case "additionalProperties":
                output.Embedded(21, item => item.Embedded(1, Schema(value!.AsObject())));
                break;
            case "type":
                output.Embedded(22, type => type.String(1, value!.GetValue<string>()));
                break;
            case "items":
                output.Embedded(23, items => items.Embedded(1, Schema(value!.AsObject())));
                break;
            case "properties":
                output.Embedded(25, properties =>
                {
                    foreach (var (name, property) in value!.AsObject())
                    {
                        properties.Embedded(1, NamedSchema(name, property!.AsObject()));
                    }
                });
                break;
            case "default":
                // Not emitted by the generator; a default has no bearing on what kubectl does with v2.
                break;
            case not null when key.StartsWith("x-", StringComparison.Ordinal):
                output.VendorExtension(31, key, value!.ToJsonString(JsonOptions) + "\n");
                break;
            default:
                throw new NotSupportedException($"Schema keyword {key} has no OpenAPI v2 protobuf encoding here");
        }
    }

    private static byte[] NamedSchema(string name, JsonObject schema) => Proto.Message(named =>
    {
        named.String(1, name);
        named.Embedded(2, Schema(schema));
    });

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
