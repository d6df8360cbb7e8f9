namespace Orchestrator.ApiServer.Registry.Authorization;

/// <summary>
/// SubjectAccessReview: may the user of the spec (user, groups, extra, uid) do what the spec's
/// attributes describe? Answered by the server's authorizer chain (upstream's
/// pkg/registry/authorization/subjectaccessreview).
/// </summary>
internal sealed class SubjectAccessReviewHandler(AuthorizerChain authorizers)
    : AccessReviewHandler(authorizers, "SubjectAccessReview", "subjectaccessreviews")
{
    protected override UserInfo User(HttpContext context, JsonObject spec, List<StatusCause> causes) => AccessReviewSpec.Subject(spec, causes);
}
