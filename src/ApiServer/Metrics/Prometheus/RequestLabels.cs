namespace Orchestrator.ApiServer.Metrics.Prometheus;

/// <summary>
/// The labels one request is counted under, as kube-apiserver reports them: the verb upper-case as its
/// installer names routes (GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE, DELETECOLLECTION, CONNECT),
/// scope <c>resource</c> (cluster-scoped by name), <c>namespace</c> or <c>cluster</c>, component
/// <c>apiserver</c>; a non-resource request by its method with the path as subresource (upstream's
/// MonitorRequest) and empty scope.
/// </summary>
internal readonly record struct RequestLabels(
    string Verb, string DryRun, string Group, string Version, string Resource, string Subresource, string Scope, bool LongRunning, bool ReadOnly)
{
    public const string Component = "apiserver";

    /// <summary>Non-resource paths counted by their path; any other is counted as <c>other</c> so a scan of random URLs cannot grow the series.</summary>
    private static readonly HashSet<string> KnownPaths =
        ["/", "/api", "/apis", "/version", "/healthz", "/livez", "/readyz", "/metrics", "/openapi/v2", "/openapi/v3"];

    private static readonly HashSet<string> ConnectSubresources = ["exec", "attach", "portforward", "proxy"];

    /// <summary>A request whose attributes could not be read (malformed): its method, path <c>other</c>.</summary>
    public static RequestLabels Unparsed(string method)
    {
        var upper = ValidMethod(method);
        return new RequestLabels(upper, "", "", "", "", "other", "", false, upper is "GET" or "HEAD");
    }

    public static RequestLabels From(AuthorizationAttributes attributes, string method, string? contentType, string? dryRun)
    {
        var dry = string.Equals(dryRun, "All", StringComparison.Ordinal) ? "All" : "";
        if (!attributes.IsResourceRequest)
        {
            var path = attributes.Path.StartsWith("/openapi/v3/", StringComparison.Ordinal) ? "/openapi/v3" : attributes.Path;
            path = KnownPaths.Contains(path) ? path : "other";
            var upper = ValidMethod(method);
            return new RequestLabels(upper, dry, "", "", "", path, "", false, upper is "GET" or "HEAD");
        }

        var verb = ReportedVerb(attributes, method, contentType);
        var scope = attributes.Namespace.Length > 0 ? "namespace" : attributes.Name.Length > 0 ? "resource" : "cluster";
        return new RequestLabels(
            verb, dry, attributes.ApiGroup, attributes.ApiVersion, attributes.Resource, attributes.Subresource, scope,
            LongRunning: verb is "WATCH" or "CONNECT" || attributes.Subresource == "log" && verb == "GET",
            ReadOnly: attributes.Verb is "get" or "list" or "watch");
    }

    private static string ReportedVerb(AuthorizationAttributes attributes, string method, string? contentType)
    {
        if (attributes.Verb == "proxy" || ConnectSubresources.Contains(attributes.Subresource))
        {
            return "CONNECT";
        }

        return attributes.Verb switch
        {
            "list" => "LIST",
            "watch" => "WATCH",
            "deletecollection" => "DELETECOLLECTION",
            "get" => method == "HEAD" ? "HEAD" : "GET",
            "patch" when contentType is not null && contentType.StartsWith("application/apply-patch", StringComparison.OrdinalIgnoreCase) => "APPLY",
            _ => ValidMethod(method),
        };
    }

    /// <summary>Upstream counts only known methods by name; anything else is <c>other</c>.</summary>
    private static string ValidMethod(string method) => method switch
    {
        "GET" or "HEAD" or "POST" or "PUT" or "PATCH" or "DELETE" or "OPTIONS" or "CONNECT" => method,
        _ => "other",
    };
}
