namespace Orchestrator.ApiServer.OpenApi.V2;

/// <summary>
/// Encodes a Swagger 2.0 schema (as <see cref="SchemaV2Converter"/> produces it) as gnostic's
/// <c>openapi_v2.Schema</c>. Vendor extension values travel as YAML text; JSON is valid YAML, so
/// each value is written as its JSON (so are defaults, enums and examples). Keywords with no v2
/// encoding are refused loudly.
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
        if (StringFields.TryGetValue(key, out var field))
        {
            output.String(field, value!.GetValue<string>());
        }
        else if (BoolFields.TryGetValue(key, out field))
        {
            output.Bool(field, value!.GetValue<bool>());
        }
        else if (NumberFields.TryGetValue(key, out field))
        {
            output.Double(field, Real(value));
        }
        else if (CountFields.TryGetValue(key, out field))
        {
            output.Int64(field, (long)Real(value));
        }
        else
        {
            WriteStructured(output, key, value);
        }
    }

    /// <summary>The keywords whose values are lists, schemas or YAML text.</summary>
    private static void WriteStructured(CodedOutputStream output, string key, JsonNode? value)
    {
        switch (key)
        {
            case "required":
                foreach (var name in value!.AsArray())
                {
                    output.String(19, name!.GetValue<string>());
                }

                break;
            case "additionalProperties" when value is JsonObject nested:
                output.Embedded(21, item => item.Embedded(1, Schema(nested)));
                break;
            case "additionalProperties":
                // AdditionalPropertiesItem's boolean (field 2) is a oneof member: false is written too.
                output.Embedded(21, item =>
                {
                    item.WriteTag(2, WireFormat.WireType.Varint);
                    item.WriteBool(value!.GetValue<bool>());
                });
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
                output.Embedded(5, Any(value));
                break;
            case "enum":
                foreach (var item in value!.AsArray())
                {
                    output.Embedded(20, Any(item));
                }

                break;
            case "allOf":
                foreach (var item in value!.AsArray())
                {
                    output.Embedded(24, Schema(item!.AsObject()));
                }

                break;
            case "example":
                output.Embedded(30, Any(value));
                break;
            case not null when key.StartsWith("x-", StringComparison.Ordinal):
                output.VendorExtension(31, key, value!.ToJsonString(JsonOptions) + "\n");
                break;
            default:
                throw new NotSupportedException($"Schema keyword {key} has no OpenAPI v2 protobuf encoding here");
        }
    }

    /// <summary>The gnostic Schema field of each string keyword.</summary>
    private static readonly Dictionary<string, int> StringFields = new(StringComparer.Ordinal)
    {
        ["$ref"] = 1, ["format"] = 2, ["title"] = 3, ["description"] = 4, ["pattern"] = 13,
    };

    /// <summary>The gnostic Schema field of each boolean keyword.</summary>
    private static readonly Dictionary<string, int> BoolFields = new(StringComparer.Ordinal)
    {
        ["exclusiveMaximum"] = 8, ["exclusiveMinimum"] = 10, ["uniqueItems"] = 16, ["readOnly"] = 27,
    };

    /// <summary>The gnostic Schema field of each number keyword.</summary>
    private static readonly Dictionary<string, int> NumberFields = new(StringComparer.Ordinal)
    {
        ["multipleOf"] = 6, ["maximum"] = 7, ["minimum"] = 9,
    };

    /// <summary>The gnostic Schema field of each count keyword.</summary>
    private static readonly Dictionary<string, int> CountFields = new(StringComparer.Ordinal)
    {
        ["maxLength"] = 11, ["minLength"] = 12, ["maxItems"] = 14, ["minItems"] = 15, ["maxProperties"] = 17, ["minProperties"] = 18,
    };

    /// <summary>A JSON number, whatever CLR type the node holds (parsed text, long or double).</summary>
    private static double Real(JsonNode? value) => value is JsonValue number && number.TryGetValue<double>(out var real)
        ? real
        : value is JsonValue whole && whole.TryGetValue<long>(out var integer) ? integer : throw new NotSupportedException($"{value?.ToJsonString()} is not a number");

    /// <summary>gnostic's Any: the value as YAML text (field 2); JSON is valid YAML.</summary>
    private static byte[] Any(JsonNode? value) => Proto.Message(any => any.String(2, (value?.ToJsonString(JsonOptions) ?? "null") + "\n"));

    private static byte[] NamedSchema(string name, JsonObject schema) => Proto.Message(named =>
    {
        named.String(1, name);
        named.Embedded(2, Schema(schema));
    });

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
