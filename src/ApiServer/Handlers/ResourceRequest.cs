namespace Orchestrator.ApiServer.Handlers;

/// <summary>A request's target: the resource, and the namespace, name and subresource when the URL has them.</summary>
internal sealed record ResourceRequest(ResourceDefinition Resource, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Who asks (<see cref="RequestUser"/>): what a kind records of its creator (a CSR's spec.username) comes from here.</summary>
    public UserInfo User { get; init; } = UserInfo.Unsecured;

    /// <summary>The segments after a connect subresource that takes a path (<c>nodes/{name}/proxy/{path}</c>); empty otherwise.</summary>
    public IReadOnlyList<string> ConnectPath { get; init; } = [];

    /// <summary>
    /// Parses the path after <c>/api/v1/</c> or <c>/apis/{group}/{version}/</c>. Null when the path
    /// names nothing this server serves (the caller answers 404). A namespace or name segment that
    /// could address another key ("..", "a/b") is a 400, see <see cref="PathSegmentName"/>.
    /// </summary>
    public static ResourceRequest? Parse(ResourceRegistry registry, string group, string version, IReadOnlyList<string> segments)
    {
        ResourceDefinition? Find(string plural) => registry.Find(group, version, plural);

        // namespaces/{ns}/{plural}[/{name}[/{sub}]] — except namespaces/{name}/{sub}, the Namespace's own subresources.
        if (segments.Count >= 3 && segments[0] == "namespaces" && Find(segments[2]) is { Namespaced: true } namespaced
            && !(segments.Count == 3 && IsNamespaceSubresource(registry, group, version, segments[2])))
        {
            return segments.Count switch
            {
                3 => new(namespaced, PathSegmentName.RequireNamespace(segments[1]), null, null),
                4 => new(namespaced, PathSegmentName.RequireNamespace(segments[1]), PathSegmentName.RequireName(segments[3]), null),
                5 => new(namespaced, PathSegmentName.RequireNamespace(segments[1]), PathSegmentName.RequireName(segments[3]), segments[4]),
                // namespaces/{ns}/{plural}/{name}/{connect subresource}/{path...} (pods/{name}/proxy/index.html).
                _ when namespaced.Subresources.Any(s => s.Name == segments[4] && s.Connect) =>
                    new(namespaced, PathSegmentName.RequireNamespace(segments[1]), PathSegmentName.RequireName(segments[3]), segments[4]) { ConnectPath = segments.Skip(5).ToList() },
                _ => null,
            };
        }

        // {plural}/{name}/{connect subresource}/{path...} of a cluster-scoped resource (nodes/{name}/proxy/stats/summary).
        if (segments.Count > 3 && Find(segments[0]) is { Namespaced: false } connected && connected.Subresources.Any(s => s.Name == segments[2] && s.Connect))
        {
            return new(connected, null, PathSegmentName.RequireName(segments[1]), segments[2]) { ConnectPath = segments.Skip(3).ToList() };
        }

        if (segments.Count is < 1 or > 3 || Find(segments[0]) is not { } resource)
        {
            return null;
        }

        // A namespaced resource without a namespace is only a cluster-wide list or watch.
        if (resource.Namespaced && segments.Count > 1)
        {
            return null;
        }

        return segments.Count switch
        {
            1 => new(resource, null, null, null),
            2 => new(resource, null, PathSegmentName.RequireName(segments[1]), null),
            _ => new(resource, null, PathSegmentName.RequireName(segments[1]), segments[2]),
        };
    }

    private static bool IsNamespaceSubresource(ResourceRegistry registry, string group, string version, string name) =>
        group.Length == 0 && registry.Find(group, version, "namespaces")?.Subresources.Any(s => s.Name == name) == true;
}
