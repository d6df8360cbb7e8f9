using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.Tables;

/// <summary>Runs a kind's printer on an object written as JSON; cells come back as compact JSON for comparison.</summary>
internal static class Printed
{
    /// <summary>The instant every test measures ages from.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2025-06-01T12:00:00Z", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ResourceDefinition Resource(string group, string plural) =>
        ResourceRegistry.BuiltIn.All.Single(r => r.Group == group && r.Plural == plural && r.StoredAs is null);

    public static string Cells(string group, string plural, string objectJson) =>
        Resource(group, plural).Strategy.Printer.Cells(Parse(objectJson), Now).Json();

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Compact JSON without HTML escaping, so "&lt;none&gt;" reads as written.</summary>
    public static string Json(this JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    /// <summary>Column names as kubectl prints them, wide ones marked with a trailing '*'.</summary>
    public static string Columns(string group, string plural) =>
        string.Join(",", Resource(group, plural).Strategy.Printer.Columns.Select(c => c.Priority == 0 ? c.Name : c.Name + "*"));
}
