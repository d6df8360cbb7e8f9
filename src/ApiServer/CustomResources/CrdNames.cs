namespace Orchestrator.ApiServer.CustomResources;

/// <summary>A CRD's <c>names</c> (spec.names as requested, or status.acceptedNames as granted).</summary>
internal sealed record CrdNames(string Plural, string Singular, string Kind, string ListKind, IReadOnlyList<string> ShortNames, IReadOnlyList<string> Categories)
{
    public static readonly CrdNames Empty = new("", "", "", "", [], []);

    public static CrdNames From(JsonObject? names) => names is null
        ? Empty
        : new(
            CrdReader.Text(names["plural"]) ?? "",
            CrdReader.Text(names["singular"]) ?? "",
            CrdReader.Text(names["kind"]) ?? "",
            CrdReader.Text(names["listKind"]) ?? "",
            CrdReader.Strings(names["shortNames"]),
            CrdReader.Strings(names["categories"]));

    public bool SameAs(CrdNames other) =>
        Plural == other.Plural && Singular == other.Singular && Kind == other.Kind && ListKind == other.ListKind
        && ShortNames.SequenceEqual(other.ShortNames) && Categories.SequenceEqual(other.Categories);

    /// <summary>The JSON form, omitting what upstream omits when empty (shortNames, categories, singular, listKind).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["plural"] = Plural };
        if (Singular.Length > 0)
        {
            json["singular"] = Singular;
        }

        if (ShortNames.Count > 0)
        {
            json["shortNames"] = new JsonArray([.. ShortNames.Select(s => (JsonNode)s)]);
        }

        json["kind"] = Kind;
        if (ListKind.Length > 0)
        {
            json["listKind"] = ListKind;
        }

        if (Categories.Count > 0)
        {
            json["categories"] = new JsonArray([.. Categories.Select(s => (JsonNode)s)]);
        }

        return json;
    }
}
