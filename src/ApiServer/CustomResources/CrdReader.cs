namespace Orchestrator.ApiServer.CustomResources;

/// <summary>Reads the fields of a CustomResourceDefinition (as stored JSON) that serving it needs; tolerant of missing parts.</summary>
internal static class CrdReader
{
    public const string NamesAccepted = "NamesAccepted";
    public const string Established = "Established";
    public const string Terminating = "Terminating";

    public static string Name(JsonObject crd) => Text(crd["metadata"]?["name"]) ?? "";

    public static string Group(JsonObject crd) => Text(crd["spec"]?["group"]) ?? "";

    public static bool Namespaced(JsonObject crd) => Text(crd["spec"]?["scope"]) != "Cluster";

    public static IEnumerable<JsonObject> Versions(JsonObject crd) => (crd["spec"]?["versions"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>The version marked <c>storage: true</c>, or null when none is.</summary>
    public static string? StorageVersion(JsonObject crd) =>
        Versions(crd).Where(v => Bool(v["storage"])).Select(v => Text(v["name"])).FirstOrDefault();

    public static CrdNames SpecNames(JsonObject crd) => CrdNames.From(crd["spec"]?["names"] as JsonObject);

    public static CrdNames AcceptedNames(JsonObject crd) => CrdNames.From(crd["status"]?["acceptedNames"] as JsonObject);

    public static JsonObject? Condition(JsonObject crd, string type) =>
        (crd["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => Text(c["type"]) == type);

    public static bool IsTrue(JsonObject crd, string type) => Text(Condition(crd, type)?["status"]) == "True";

    public static bool IsEstablished(JsonObject crd) => IsTrue(crd, Established);

    public static bool IsDeleting(JsonObject crd) => crd["metadata"]?["deletionTimestamp"] is not null;

    public static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static bool Bool(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        [.. (node as JsonArray ?? []).Select(Text).OfType<string>()];
}
