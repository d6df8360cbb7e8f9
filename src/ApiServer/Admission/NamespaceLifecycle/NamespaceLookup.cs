namespace Orchestrator.ApiServer.Admission.NamespaceLifecycle;

/// <summary>Namespaces through the shared <see cref="IObjectLookup"/> (watch cache, then the store).</summary>
internal sealed class NamespaceLookup(IObjectLookup objects, ResourceRegistry registry) : INamespaceLookup
{
    private readonly ResourceDefinition _namespaces = registry.Find("", "v1", "namespaces")!;

    public JsonObject? Find(string name) => objects.Find(_namespaces, null, name);
}
