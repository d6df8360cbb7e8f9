namespace Orchestrator.ApiServer.Registry.Authorization;

/// <summary>
/// What the access reviews share (upstream's pkg/registry/authorization/*subjectaccessreview): the spec's attributes
/// are validated, the user asked about is found, and the authorizer chain answers for that user and those attributes.
/// </summary>
internal abstract class AccessReviewHandler(AuthorizerChain authorizers, string kind, string plural) : IReviewHandler
{
    public string Group => AccessReviewSpec.Group;

    public string Plural => plural;

    public Task<JsonObject> ReviewAsync(HttpContext context, ResourceRequest request, JsonObject body)
    {
        var spec = AccessReviewSpec.Spec(body);
        var causes = new List<StatusCause>();
        AccessReviewSpec.ValidateAttributes(spec, causes);
        var user = User(context, spec, causes);
        AccessReviewSpec.ThrowIfInvalid(kind, causes);
        CheckScope(request, spec, body);
        return Task.FromResult(AccessReviewSpec.Answer(body, authorizers, AccessReviewSpec.Attributes(spec, user)));
    }

    /// <summary>The user the review asks about; what else this kind finds wrong with the spec is added to <paramref name="causes"/>.</summary>
    protected abstract UserInfo User(HttpContext context, JsonObject spec, List<StatusCause> causes);

    /// <summary>Checks of a valid spec against the request (a local review's namespace); nothing by default.</summary>
    protected virtual void CheckScope(ResourceRequest request, JsonObject spec, JsonObject body)
    {
    }
}
