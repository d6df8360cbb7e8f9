namespace Orchestrator.ApiServer.Handlers.Reviews;

/// <summary>
/// A create-only kind that is answered, not stored (TokenReview, SelfSubjectReview,
/// SubjectAccessReview, SelfSubjectAccessReview, SelfSubjectRulesReview …): the resource is
/// registered with <see cref="ResourceDefinition.Stored"/> false and verbs ["create"];
/// <see cref="ResourceHandler"/> reads and checks the body (kind, schema), then hands it here and
/// answers 201 with the returned object (the request's spec and the computed status).
/// </summary>
internal interface IReviewHandler
{
    /// <summary>The API group of the kind served, e.g. <c>authentication.k8s.io</c>.</summary>
    string Group { get; }

    /// <summary>The resource's plural, e.g. <c>tokenreviews</c>.</summary>
    string Plural { get; }

    /// <summary>Computes the answer; <paramref name="body"/> has passed the kind and schema checks.</summary>
    Task<JsonObject> ReviewAsync(HttpContext context, ResourceRequest request, JsonObject body);
}
