using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission;

/// <summary>
/// The default class of a class kind (StorageClass, IngressClass) for the DefaultStorageClass and
/// DefaultIngressClass plugins: among the classes annotated as default ("true"), the newest, then the
/// first by name (upstream's GetDefaultClass). Read from the store, so a class created a moment ago
/// counts; classes are few and only creates of claims and ingresses ask. Thread-safe.
/// </summary>
internal sealed class DefaultClassLookup(IStore store, ResourceRegistry registry) : IDefaultClassLookup
{
    public string? Find(string group, string plural, params string[] annotations)
    {
        var classes = registry.Find(group, "v1", plural) ?? throw new InvalidOperationException($"{plural}.{group} is not served");

        // Admission runs inside the synchronous write path, as ObjectLookup's store reads do.
        var listed = store.ListAsync(new ListOptions { Prefix = ObjectKeys.Collection(classes) }).GetAwaiter().GetResult();
        return Choose(listed.Items.Select(StoredObject.Decode), annotations);
    }

    /// <summary>Upstream's choice among <paramref name="classes"/>: the newest marked default, then the first by name; null for none.</summary>
    public static string? Choose(IEnumerable<JsonObject> classes, params string[] annotations) =>
        classes
            .Where(c => IsDefault(c, annotations))
            .OrderByDescending(c => c.Time("metadata", "creationTimestamp") ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.String("metadata", "name"), StringComparer.Ordinal)
            .Select(c => c.String("metadata", "name"))
            .FirstOrDefault();

    /// <summary>Whether <paramref name="obj"/> is marked default by one of <paramref name="annotations"/>.</summary>
    public static bool IsDefault(JsonObject obj, params string[] annotations) =>
        annotations.Any(a => obj.StringOrNull("metadata", "annotations", a) == "true");
}
