using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.CustomResources.Printing;

/// <summary>
/// The table of a custom resource version (upstream's apiextensions tableconvertor): NAME, then the version's
/// additionalPrinterColumns, or AGE when it declares none. A cell is the first value the column's JSONPath
/// finds, typed as the column says (integer, number, boolean, string, date as an age); null when absent or of another type.
/// </summary>
internal sealed class CustomResourcePrinter : ITablePrinter
{
    private const string CreationTimestampDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    private static readonly PrinterColumnSpec DefaultAge = new("Age", "date", "", CreationTimestampDescription, 0, ".metadata.creationTimestamp");

    private readonly IReadOnlyList<(PrinterColumnSpec Spec, JsonPathExpression Path)> _columns;

    public CustomResourcePrinter(IReadOnlyList<PrinterColumnSpec> columns)
    {
        var specs = columns.Count == 0 ? [DefaultAge] : columns;
        _columns = [.. specs.Select(c => (c, JsonPathExpression.Parse(c.JsonPath)))];
        Columns = [CommonColumns.Name.Definition, .. specs.Select(c => new TableColumn(c.Name, c.Type, c.Description, c.Priority, c.Format))];
    }

    public IReadOnlyList<TableColumn> Columns { get; }

    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var cells = new JsonArray { ObjectCells.Name(obj) };
        foreach (var (spec, path) in _columns)
        {
            var found = path.Evaluate(obj);
            cells.Add(found.Count == 0 ? null : Cell(spec.Type, found[0], now));
        }

        return cells;
    }

    /// <summary>Upstream's cellForJSONValue, and <c>%v</c> for string columns.</summary>
    internal static JsonNode? Cell(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        return type switch
        {
            "string" => kind == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(),
            "integer" when kind == JsonValueKind.Number => value.AsValue().TryGetValue<long>(out var whole) ? whole : (long)value.GetValue<double>(),
            "number" when kind == JsonValueKind.Number => value.GetValue<double>(),
            "boolean" when kind is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
            "date" when kind == JsonValueKind.String => Age(value.GetValue<string>(), now),
            _ => null,
        };
    }

    private static string Age(string timestamp, DateTimeOffset now) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? HumanDuration.Format(now - at)
            : "<invalid>";
}
