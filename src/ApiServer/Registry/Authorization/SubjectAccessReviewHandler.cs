namespace Orchestrator.ApiServer.Registry.Authorization;

/// <summary>
/// SubjectAccessReview: may the user of the spec (user, groups, extra, uid) do what the spec's
/// attributes describe? Answered by the server's authorizer chain (upstream's
/// pkg/registry/authorization/subjectaccessreview).
/// </summary>
internal sealed class SubjectAccessReviewHandler(AuthorizerChain authorizers) : IReviewHandler
{
    public string Group => AccessReviewSpec.Group;

    public string Plural => "subjectaccessreviews";

    public Task<JsonObject> ReviewAsync(HttpContext context, ResourceRequest request, JsonObject body)
    {
        var spec = AccessReviewSpec.Spec(body);
        var causes = new List<StatusCause>();
        AccessReviewSpec.ValidateAttributes(spec, causes);
        var user = AccessReviewSpec.Subject(spec, causes);
        AccessReviewSpec.ThrowIfInvalid("SubjectAccessReview", causes);
        return Task.FromResult(AccessReviewSpec.Answer(body, authorizers, AccessReviewSpec.Attributes(spec, user)));
    }
}
