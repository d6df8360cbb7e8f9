namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>
/// The image-update controller's queue key for a workload of one of three kinds: the name is
/// <c>Kind/name</c>, unambiguous because object names cannot contain <c>/</c>.
/// </summary>
internal static class WorkloadKey
{
    public const string Deployment = "Deployment";
    public const string StatefulSet = "StatefulSet";
    public const string DaemonSet = "DaemonSet";

    public static NamespacedName Of(string kind, V1ObjectMeta metadata) => new(metadata.NamespaceProperty ?? "", $"{kind}/{metadata.Name}");

    public static (string Kind, NamespacedName Name) Parse(NamespacedName key)
    {
        var slash = key.Name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? throw new TerminalException($"image-update key {key} has no kind")
            : (key.Name[..slash], new NamespacedName(key.Namespace, key.Name[(slash + 1)..]));
    }
}
