namespace Orchestrator.ApiServer.Registry;

/// <summary>
/// Looks up served resources by URL coordinates or by kind: the built-in kinds plus the custom resources
/// of established CustomResourceDefinitions, which come and go at run time (<see cref="SetCustom"/>).
/// Readers take one immutable snapshot (a volatile read, then frozen dictionaries: as fast as a frozen
/// registry); writers build the next snapshot under a lock and swap it in, then raise <see cref="Changed"/>.
/// Thread-safe.
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<ResourceDefinition> _builtIn;
    private readonly Dictionary<string, IReadOnlyList<ResourceDefinition>> _custom = new(StringComparer.Ordinal);
    private volatile RegistrySnapshot _snapshot;

    public ResourceRegistry(IEnumerable<ResourceDefinition> resources)
    {
        _builtIn = [.. resources];
        _snapshot = RegistrySnapshot.Build(_builtIn, [], 0);
    }

    private ResourceRegistry(ResourceRegistry builtIn)
    {
        _builtIn = builtIn._builtIn;
        _snapshot = builtIn._snapshot;
    }

    /// <summary>The built-in kinds alone; never changed (a server serves its own <see cref="CreateServed"/> copy).</summary>
    public static ResourceRegistry BuiltIn { get; } = new(BuiltInResources.All);

    /// <summary>Raised after every change of the served set, on the writer's thread (handlers must be quick and must not throw).</summary>
    public event Action? Changed;

    /// <summary>Counts changes of the served set: discovery and OpenAPI documents key their caches and ETags on it.</summary>
    public long Generation => _snapshot.Generation;

    public IReadOnlyList<ResourceDefinition> All => _snapshot.All;

    /// <summary>Group names: built-in ones in registration order ("" is the core group), then custom groups in name order.</summary>
    public IReadOnlyList<string> Groups => _snapshot.Groups;

    /// <summary>A registry serving the built-in kinds, to which one server adds its custom resources.</summary>
    public static ResourceRegistry CreateServed() => new(BuiltIn);

    public ResourceDefinition? Find(string group, string version, string plural) =>
        _snapshot.ByResource.GetValueOrDefault((group, version, plural));

    public ResourceDefinition? FindKind(string group, string version, string kind) =>
        _snapshot.ByKind.GetValueOrDefault((group, version, kind));

    public IEnumerable<ResourceDefinition> InGroupVersion(string group, string version) =>
        _snapshot.All.Where(r => r.Group == group && r.Version == version);

    /// <summary>
    /// Replaces the resources one CustomResourceDefinition (<paramref name="owner"/>, its name) serves: one
    /// definition per served version; an empty list stops serving them. The caller guarantees that the
    /// resources collide with no other (the CRD controller accepts names first). No-op when nothing changes.
    /// </summary>
    public void SetCustom(string owner, IReadOnlyList<ResourceDefinition> resources)
    {
        lock (_gate)
        {
            var current = _custom.GetValueOrDefault(owner) ?? [];
            if (current.SequenceEqual(resources))
            {
                return;
            }

            if (resources.Count == 0)
            {
                _custom.Remove(owner);
            }
            else
            {
                _custom[owner] = resources;
            }

            var custom = _custom.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value).ToList();
            _snapshot = RegistrySnapshot.Build(_builtIn, custom, _snapshot.Generation + 1);
        }

        Changed?.Invoke();
    }
}
