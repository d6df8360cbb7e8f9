using System.Collections.Frozen;

namespace Orchestrator.ApiServer.Registry;

/// <summary>Looks up served resources by URL coordinates or by kind; built once at start-up.</summary>
internal sealed class ResourceRegistry
{
    private readonly FrozenDictionary<(string Group, string Version, string Plural), ResourceDefinition> _byResource;
    private readonly FrozenDictionary<(string Group, string Version, string Kind), ResourceDefinition> _byKind;

    public ResourceRegistry(IEnumerable<ResourceDefinition> resources)
    {
        All = [.. resources];
        _byResource = All.ToFrozenDictionary(r => (r.Group, r.Version, r.Plural));
        _byKind = All.ToFrozenDictionary(r => (r.Group, r.Version, r.Kind));
        Groups = [.. All.GroupBy(r => r.Group).Select(g => g.Key)];
    }

    public static ResourceRegistry BuiltIn { get; } = new(BuiltInResources.All);

    public IReadOnlyList<ResourceDefinition> All { get; }

    /// <summary>Group names in registration order; "" is the core group.</summary>
    public IReadOnlyList<string> Groups { get; }

    public ResourceDefinition? Find(string group, string version, string plural) =>
        _byResource.GetValueOrDefault((group, version, plural));

    public ResourceDefinition? FindKind(string group, string version, string kind) =>
        _byKind.GetValueOrDefault((group, version, kind));

    public IEnumerable<ResourceDefinition> InGroupVersion(string group, string version) =>
        All.Where(r => r.Group == group && r.Version == version);
}
