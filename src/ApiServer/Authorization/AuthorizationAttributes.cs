namespace Orchestrator.ApiServer.Authorization;

/// <summary>
/// What a request asks to do, in the terms authorizers decide on (upstream's
/// <c>authorizer.Attributes</c>): a resource request (verb on group/resource[/subresource] in a
/// namespace, optionally by name) or a non-resource request (verb on a URL path).
/// Verbs are upstream's: get, list, watch, create, update, patch, delete, deletecollection for
/// resources (plus impersonate, bind, escalate, approve, sign … for the checks that use them);
/// get, post, put, patch, delete, head, options for non-resource paths.
/// </summary>
public sealed record AuthorizationAttributes
{
    public required UserInfo User { get; init; }

    public required string Verb { get; init; }

    public bool IsResourceRequest { get; init; }

    /// <summary>The URL path of a non-resource request (e.g. /version, /healthz, /apis).</summary>
    public string Path { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string ApiGroup { get; init; } = "";

    public string ApiVersion { get; init; } = "";

    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>A list's or watch's <c>fieldSelector</c> as sent (empty when none): upstream's GetFieldSelector.</summary>
    public string FieldSelector { get; init; } = "";

    /// <summary>The value <see cref="FieldSelector"/> requires <paramref name="field"/> to equal (<c>field=v</c> or <c>field==v</c>), or null.</summary>
    public string? FieldEquals(string field) => FieldSelectorTerms.Equal(FieldSelector, field);
}
