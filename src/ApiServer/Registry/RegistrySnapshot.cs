namespace Orchestrator.ApiServer.Registry;

/// <summary>One immutable state of the served resources (<see cref="ResourceRegistry"/> swaps them).</summary>
internal sealed record RegistrySnapshot(
    IReadOnlyList<ResourceDefinition> All,
    FrozenDictionary<(string Group, string Version, string Plural), ResourceDefinition> ByResource,
    FrozenDictionary<(string Group, string Version, string Kind), ResourceDefinition> ByKind,
    IReadOnlyList<string> Groups,
    long Generation)
{
    public static RegistrySnapshot Build(IReadOnlyList<ResourceDefinition> builtIn, IReadOnlyList<ResourceDefinition> custom, long generation)
    {
        List<ResourceDefinition> all = [.. builtIn, .. custom];
        var customGroups = custom.Select(r => r.Group).Distinct().Where(g => builtIn.All(r => r.Group != g)).Order(StringComparer.Ordinal);
        return new(
            all,
            all.ToFrozenDictionary(r => (r.Group, r.Version, r.Plural)),
            all.ToFrozenDictionary(r => (r.Group, r.Version, r.Kind)),
            [.. builtIn.Select(r => r.Group).Distinct(), .. customGroups],
            generation);
    }
}
