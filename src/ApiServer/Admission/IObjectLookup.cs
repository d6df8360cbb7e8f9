namespace Orchestrator.ApiServer.Admission;

/// <summary>
/// Reads one stored object for an admission plugin (upstream's listers with their live lookup on a
/// miss): namespaces for NamespaceLifecycle, service accounts for ServiceAccount. Thread-safe.
/// </summary>
internal interface IObjectLookup
{
    /// <summary>The object as stored now, or null when there is none.</summary>
    JsonObject? Find(ResourceDefinition resource, string? ns, string name);
}
