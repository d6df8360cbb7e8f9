using Orchestrator.ApiServer.Authentication.ServiceAccounts;

namespace Orchestrator.ApiServer.Registry.Authentication;

/// <summary>
/// TokenReview (upstream's <c>pkg/registry/authentication/tokenreview</c>): authenticates
/// <c>spec.token</c> as a request's bearer token would be, for <c>spec.audiences</c> (the API
/// audiences when none), and answers the request with its status. A server without
/// authentication answers the request unchanged, as upstream without an authenticator.
/// </summary>
internal sealed class TokenReviewHandler(RequestAuthenticator? authenticator = null, ServiceAccountTokenKeys? keys = null) : IReviewHandler
{
    public string Group => AuthenticationResources.Group;

    public string Plural => "tokenreviews";

    public async Task<JsonObject> ReviewAsync(HttpContext context, ResourceRequest request, JsonObject body)
    {
        var spec = body["spec"] as JsonObject;
        if (spec?["token"]?.GetValue<string>() is not { Length: > 0 } token)
        {
            throw ApiErrors.BadRequest("token is required for TokenReview in authentication");
        }

        if (authenticator is null || keys is null)
        {
            return body;
        }

        IReadOnlyList<string> audiences = spec["audiences"] is JsonArray asked && asked.Count > 0
            ? [.. asked.Select(a => a?.GetValue<string>() ?? "")]
            : keys.ApiAudiences;
        var outcome = await authenticator.AuthenticateTokenAsync(token, audiences, context.RequestAborted);
        var status = new JsonObject { ["authenticated"] = outcome.Authenticated };
        if (outcome.User is { } user)
        {
            status["user"] = UserInfoJson.Write(user);
            status["audiences"] = new JsonArray([.. outcome.Audiences.Select(a => (JsonNode?)JsonValue.Create(a))]);
        }
        else
        {
            status["error"] = outcome.Error ?? "invalid bearer token";
        }

        body["status"] = status;
        return body;
    }
}
