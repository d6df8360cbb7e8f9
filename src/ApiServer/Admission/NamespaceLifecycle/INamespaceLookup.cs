namespace Orchestrator.ApiServer.Admission.NamespaceLifecycle;

/// <summary>
/// Reads one namespace for <see cref="NamespaceLifecycle"/> (upstream's namespace lister with its live
/// lookup). Thread-safe.
/// </summary>
internal interface INamespaceLookup
{
    /// <summary>The namespace named <paramref name="name"/> as stored now, or null when there is none.</summary>
    JsonObject? Find(string name);
}
