namespace Orchestrator.ApiServer.Authorization;

/// <summary>
/// What a request asks to do, read from its method, path and query the way upstream's
/// RequestInfoFactory reads them (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go):
/// /api/v1/… and /apis/{group}/{version}/… are resource requests (an optional /watch/ prefix, a
/// namespace, resource, name and subresource; a get without a name is a list or a watch, a delete
/// without one a deletecollection); everything else is a non-resource request whose verb is the
/// lower-cased method. Independent of what the server serves: an unknown resource is still asked about.
/// </summary>
internal static class RequestAttributes
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    /// <summary>
    /// The attributes of the request in <paramref name="context"/> (its path after <see cref="RawPathMiddleware"/>), for
    /// <paramref name="user"/>. Read once per request, as upstream's WithRequestInfo does: tracing, metrics, audit and
    /// authorization each ask, and only the user differs (after impersonation). A request that does not parse is
    /// not remembered, so each asker gets the same exception.
    /// </summary>
    public static AuthorizationAttributes From(HttpContext context, UserInfo user)
    {
        if (context.Features.Get<ParsedAttributes>() is { } parsed)
        {
            return ReferenceEquals(parsed.Attributes.User, user) ? parsed.Attributes : parsed.Attributes with { User = user };
        }

        var attributes = Read(context, user);
        context.Features.Set(new ParsedAttributes(attributes));
        return attributes;
    }

    private static AuthorizationAttributes Read(HttpContext context, UserInfo user)
    {
        var segments = context.Request.Path.Value is { Length: > 1 } path
            ? path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(RawPath.Unescape).ToArray()
            : [];
        var query = context.Request.Query;
        return Parse(user, context.Request.Method, context.Request.Path.Value ?? "/", segments, query["watch"].ToString(), query["fieldSelector"].ToString());
    }

    /// <summary>
    /// The attributes of a request; <paramref name="segments"/> are the decoded path segments,
    /// <paramref name="watch"/> and <paramref name="fieldSelector"/> the query values (empty when absent).
    /// </summary>
    public static AuthorizationAttributes Parse(UserInfo user, string method, string path, IReadOnlyList<string> segments, string watch, string fieldSelector)
    {
        var nonResource = new AuthorizationAttributes { User = user, Verb = method.ToLowerInvariant(), Path = path };
        if (segments.Count == 0 || segments[0] is not ("api" or "apis"))
        {
            return nonResource;
        }

        // /apis/{group}/{version}/… and /api/{version}/…; anything shorter is discovery, a non-resource path.
        var grouped = segments[0] == "apis";
        var minimum = grouped ? 3 : 2;
        if (segments.Count <= minimum)
        {
            return nonResource;
        }

        var group = grouped ? segments[1] : "";
        var version = grouped ? segments[2] : segments[1];
        var parts = segments.Skip(minimum).ToList();
        var verb = method switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => "",
        };
        if (parts[0] is "watch" or "proxy")
        {
            if (parts.Count < 2)
            {
                return nonResource;
            }

            verb = parts[0];
            parts.RemoveAt(0);
        }

        var ns = "";
        if (parts[0] == "namespaces")
        {
            if (parts.Count > 1)
            {
                ns = parts[1];
                if (parts.Count > 2 && !NamespaceSubresources.Contains(parts[2]))
                {
                    parts.RemoveRange(0, 2);
                }
            }
        }

        var resource = parts[0];
        var name = parts.Count >= 2 ? parts[1] : "";
        var subresource = parts.Count >= 3 && verb != "proxy" ? parts[2] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = IsTrue(watch) ? "watch" : "list";
            name = ExactName(fieldSelector) ?? "";
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new AuthorizationAttributes
        {
            User = user,
            Verb = verb,
            IsResourceRequest = true,
            Path = path,
            Namespace = ns,
            ApiGroup = group,
            ApiVersion = version,
            Resource = resource,
            Subresource = subresource,
            Name = name,
            FieldSelector = verb is "list" or "watch" ? fieldSelector : "",
        };
    }

    private static bool IsTrue(string watch) => watch.Length > 0 && QueryValues.Bool(new Microsoft.Extensions.Primitives.StringValues(watch)) == true;

    /// <summary>The name a field selector pins with metadata.name=x (or ==), if it is a valid path segment name.</summary>
    private static string? ExactName(string fieldSelector) =>
        FieldSelectorTerms.Equal(fieldSelector, "metadata.name") is { Length: > 0 } value && Objects.NameValidation.PathSegment(value, prefix: false).Count == 0 ? value : null;

    /// <summary>The request's attributes as first read (see <see cref="From"/>).</summary>
    private sealed record ParsedAttributes(AuthorizationAttributes Attributes);
}
