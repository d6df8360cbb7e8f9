namespace Orchestrator.ApiServer.Registry.Authorization;

/// <summary>SelfSubjectAccessReview: may the requesting user do what the spec describes? (<c>kubectl auth can-i</c>)</summary>
internal sealed class SelfSubjectAccessReviewHandler(AuthorizerChain authorizers)
    : AccessReviewHandler(authorizers, "SelfSubjectAccessReview", "selfsubjectaccessreviews")
{
    protected override UserInfo User(HttpContext context, JsonObject spec, List<StatusCause> causes) => RequestUser.Get(context);
}
