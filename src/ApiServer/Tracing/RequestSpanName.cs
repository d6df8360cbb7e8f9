namespace Orchestrator.ApiServer.Tracing;

/// <summary>
/// The name and attribute keys of an API request's span. The name is kube-apiserver's
/// (getSpanNameFromRequestInfo): the method and the route with <c>{:namespace}</c> and <c>{:name}</c> in place of
/// the values, so names stay few; the values are attributes.
/// </summary>
internal static class RequestSpanName
{
    public const string Verb = "k8s.request.verb";
    public const string Group = "k8s.request.group";
    public const string Version = "k8s.request.version";
    public const string Resource = "k8s.request.resource";
    public const string Subresource = "k8s.request.subresource";
    public const string Namespace = "k8s.namespace.name";
    public const string Name = "k8s.request.name";

    // Names are few (a method and a route per resource), so each is built once; the bound keeps requests for
    // made-up resources (the span is named before routing refuses them) from growing the cache without end.
    private const int MaxCached = 1024;
    private static readonly ConcurrentDictionary<Key, string> Names = new();

    public static string Of(AuthorizationAttributes attributes, string method)
    {
        var key = new Key(method, attributes.ApiGroup, attributes.ApiVersion, attributes.Namespace.Length > 0, attributes.Resource, attributes.Name.Length > 0, attributes.Subresource);
        if (Names.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var name = Build(attributes, method);
        if (Names.Count < MaxCached)
        {
            Names.TryAdd(key, name);
        }

        return name;
    }

    private static string Build(AuthorizationAttributes attributes, string method)
    {
        var name = new StringBuilder(method).Append(' ');
        name.Append(attributes.ApiGroup.Length == 0 ? "/api" : "/apis/").Append(attributes.ApiGroup);
        name.Append('/').Append(attributes.ApiVersion);
        if (attributes.Namespace.Length > 0)
        {
            name.Append("/namespaces/{:namespace}");
        }

        name.Append('/').Append(attributes.Resource);
        if (attributes.Name.Length > 0)
        {
            name.Append("/{:name}");
        }

        if (attributes.Subresource.Length > 0)
        {
            name.Append('/').Append(attributes.Subresource);
        }

        return name.ToString();
    }

    private readonly record struct Key(string Method, string Group, string Version, bool Namespaced, string Resource, bool Named, string Subresource);
}
