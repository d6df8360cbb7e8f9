namespace Orchestrator.ApiServer.Registry.Authorization;

/// <summary>
/// LocalSubjectAccessReview: a SubjectAccessReview within the URL's namespace (namespace admins may
/// create them): resource attributes only, and their namespace must be the URL's.
/// </summary>
internal sealed class LocalSubjectAccessReviewHandler(AuthorizerChain authorizers) : IReviewHandler
{
    public string Group => AccessReviewSpec.Group;

    public string Plural => "localsubjectaccessreviews";

    public Task<JsonObject> ReviewAsync(HttpContext context, ResourceRequest request, JsonObject body)
    {
        var spec = AccessReviewSpec.Spec(body);
        var causes = new List<StatusCause>();
        AccessReviewSpec.ValidateAttributes(spec, causes);
        var user = AccessReviewSpec.Subject(spec, causes);

        if (spec["nonResourceAttributes"] is JsonObject)
        {
            causes.Add(FieldErrors.Invalid("spec.nonResourceAttributes", "{}", "disallowed on this kind of request"));
        }

        AccessReviewSpec.ThrowIfInvalid("LocalSubjectAccessReview", causes);
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

        return Task.FromResult(AccessReviewSpec.Answer(body, authorizers, AccessReviewSpec.Attributes(spec, user)));
    }
}
