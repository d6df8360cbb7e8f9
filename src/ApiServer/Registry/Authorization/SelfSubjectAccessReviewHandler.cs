namespace Orchestrator.ApiServer.Registry.Authorization;

/// <summary>SelfSubjectAccessReview: may the requesting user do what the spec describes? (<c>kubectl auth can-i</c>)</summary>
internal sealed class SelfSubjectAccessReviewHandler(AuthorizerChain authorizers) : IReviewHandler
{
    public string Group => AccessReviewSpec.Group;

    public string Plural => "selfsubjectaccessreviews";

    public Task<JsonObject> ReviewAsync(HttpContext context, ResourceRequest request, JsonObject body)
    {
        var spec = AccessReviewSpec.Spec(body);
        var causes = new List<StatusCause>();
        AccessReviewSpec.ValidateAttributes(spec, causes);
        AccessReviewSpec.ThrowIfInvalid("SelfSubjectAccessReview", causes);
        return Task.FromResult(AccessReviewSpec.Answer(body, authorizers, AccessReviewSpec.Attributes(spec, RequestUser.Get(context))));
    }
}
