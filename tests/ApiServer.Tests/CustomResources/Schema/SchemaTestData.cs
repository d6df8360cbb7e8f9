using System.Text.Json.Nodes;
using Orchestrator.ApiServer.CustomResources.Schema;
using Orchestrator.ApiServer.Errors;

namespace Orchestrator.ApiServer.Tests.CustomResources.Schema;

/// <summary>Helpers of the schema tests: JSON in, causes printed as upstream prints a field error ("field: message").</summary>
internal static class SchemaTestData
{
    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    public static StructuralSchema SchemaOf(string json) => StructuralSchema.Parse(Json(json));

    public static string[] Print(IEnumerable<StatusCause> causes) => [.. causes.Select(c => $"{c.Field}: {c.Message}")];

    /// <summary>A root schema with the given properties of spec.</summary>
    public static StructuralSchema Spec(string specProperties, string specExtra = "") =>
        SchemaOf("{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\"" + specExtra + ",\"properties\":{" + specProperties + "}}}}");
}
