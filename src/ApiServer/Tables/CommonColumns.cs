namespace Orchestrator.ApiServer.Tables;

/// <summary>The columns many kinds share, with the same wording and cells everywhere.</summary>
internal static class CommonColumns
{
    public static readonly PrinterColumn Name = new(
        new("Name", "string", "Name must be unique within a namespace. It is the object's identifier in URLs and cannot be changed.", Format: "name"),
        (obj, _) => ObjectCells.Name(obj));

    public static readonly PrinterColumn Age = Column.String(
        "Age", "Time since the object was created (metadata.creationTimestamp), set by the server.", (obj, now) => ObjectCells.Age(obj, now));

    /// <summary>The wide CONTAINERS and IMAGES of a workload (layoutContainerCells), its pod spec at <paramref name="podSpec"/>.</summary>
    public static IEnumerable<PrinterColumn> Containers(params string[] podSpec) =>
    [
        Column.String("Containers", "Names of each container in the template.", obj => Join(obj, podSpec, "name")).Wide(),
        Column.String("Images", "Images referenced by each container in the template.", obj => Join(obj, podSpec, "image")).Wide(),
    ];

    /// <summary>The wide SELECTOR, a label selector printed as upstream's FormatLabelSelector does.</summary>
    public static PrinterColumn Selector(string description, params string[] path) =>
        Selector(description, obj => LabelFormat.Selector(obj.At(path)));

    public static PrinterColumn Selector(string description, Func<JsonObject, JsonNode?> cell) =>
        Column.String("Selector", description, cell).Wide();

    private static string Join(JsonObject obj, string[] podSpec, string field) =>
        string.Join(",", obj.At(podSpec).Objects("containers").Select(c => c.String(field)));
}
