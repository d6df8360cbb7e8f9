namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>controllerrevisions: NAME CONTROLLER REVISION AGE, CONTROLLER as "daemonset.apps/name".</summary>
internal sealed class ControllerRevisionPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Controller", "Controller of the object", obj => Controller(obj)),
    Column.String("Revision", "The revision of the state represented by this revision's data.", obj => obj.Long("revision")),
    CommonColumns.Age)
{
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
