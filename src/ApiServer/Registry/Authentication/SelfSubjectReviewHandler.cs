namespace Orchestrator.ApiServer.Registry.Authentication;

/// <summary>SelfSubjectReview (<c>kubectl auth whoami</c>): the request's own user, after impersonation, in <c>status.userInfo</c>.</summary>
internal sealed class SelfSubjectReviewHandler(TimeProvider time) : IReviewHandler
{
    public string Group => AuthenticationResources.Group;

    public string Plural => "selfsubjectreviews";

    public Task<JsonObject> ReviewAsync(HttpContext context, ResourceRequest request, JsonObject body) =>
        Task.FromResult(new JsonObject
        {
            ["metadata"] = ReviewMetadata.Of(time),
            ["status"] = new JsonObject { ["userInfo"] = UserInfoJson.Write(RequestUser.Get(context)) },
        });
}
