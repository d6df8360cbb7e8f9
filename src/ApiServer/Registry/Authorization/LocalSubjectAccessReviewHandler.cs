namespace Orchestrator.ApiServer.Registry.Authorization;

/// <summary>
/// LocalSubjectAccessReview: a SubjectAccessReview within the URL's namespace (namespace admins may
/// create them): resource attributes only, and their namespace must be the URL's.
/// </summary>
internal sealed class LocalSubjectAccessReviewHandler(AuthorizerChain authorizers)
    : AccessReviewHandler(authorizers, "LocalSubjectAccessReview", "localsubjectaccessreviews")
{
    protected override UserInfo User(HttpContext context, JsonObject spec, List<StatusCause> causes)
    {
        var user = AccessReviewSpec.Subject(spec, causes);
        if (spec["nonResourceAttributes"] is JsonObject)
        {
            causes.Add(FieldErrors.Invalid("spec.nonResourceAttributes", "{}", "disallowed on this kind of request"));
        }

        return user;
    }

    protected override void CheckScope(ResourceRequest request, JsonObject spec, JsonObject body)
    {
        var ns = request.Namespace ?? "";
        var asked = JsonFields.Text(spec["resourceAttributes"]?["namespace"]) ?? "";
        if (asked != ns)
        {
            throw ApiErrors.BadRequest($"spec.resourceAttributes.namespace must match namespace: {ns}");
        }

        if (body["metadata"] is JsonObject metadata)
        {
            metadata["namespace"] = ns;
        }
    }
}
