namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

/// <summary>
/// The garbage collector's work-queue keys name the kind as well: the namespace stays the namespace
/// ("" for cluster-scoped) and the name becomes "plural.group/name" (names never contain '/').
/// </summary>
internal static class GarbageCollectorKeys
{
    public static NamespacedName For(KindOperations kind, string ns, string name) =>
        new(kind.Namespaced ? ns : "", $"{kind.GroupResource}/{name}");

    public static (string GroupResource, string Namespace, string Name) Parse(NamespacedName key)
    {
        var slash = key.Name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? throw new TerminalException($"garbage collector key {key} does not name a kind")
            : (key.Name[..slash], key.Namespace, key.Name[(slash + 1)..]);
    }
}
