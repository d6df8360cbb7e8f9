using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>controllerrevisions: NAME CONTROLLER REVISION AGE, CONTROLLER as "daemonset.apps/name".</summary>
internal sealed class ControllerRevisionPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Controller", "string", "Controller of the object"),
        new("Revision", "string", "The revision of the state represented by this revision's data."),
        CommonColumns.Age,
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now) =>
        new(ObjectCells.Name(obj), Controller(obj), obj.Long("revision"), ObjectCells.Age(obj, now));

    /// <summary>The controlling owner as lower-case "kind.group/name" ("kind/name" for core), or "&lt;none&gt;".</summary>
    public static string Controller(JsonObject obj)
    {
        var owner = obj.At("metadata").Objects("ownerReferences").FirstOrDefault(o => o.Bool("controller"));
        if (owner is null)
        {
            return "<none>";
        }

        var apiVersion = owner.String("apiVersion");
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var kind = owner.String("kind");
        var groupKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return groupKind.Length == 0 ? owner.String("name") : $"{groupKind.ToLowerInvariant()}/{owner.String("name")}";
    }
}
