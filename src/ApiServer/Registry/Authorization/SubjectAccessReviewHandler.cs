using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Authorization;
using Orchestrator.ApiServer.Defaulting;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Handlers;
using Orchestrator.ApiServer.Handlers.Reviews;
using Orchestrator.ApiServer.Validation;

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
        var user = SpecUser(spec);
        if (user.Name.Length == 0 && user.Groups.Count == 0)
        {
            causes.Add(FieldErrors.InvalidText("spec.user", "", "at least one of user or group must be specified"));
        }

        AccessReviewSpec.ThrowIfInvalid("SubjectAccessReview", causes);
        return Task.FromResult(AccessReviewSpec.Answer(body, authorizers, AccessReviewSpec.Attributes(spec, user)));
    }

    /// <summary>The user the spec names (its groups as given: nothing is added, as upstream).</summary>
    public static UserInfo SpecUser(JsonObject spec)
    {
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (spec["extra"] is JsonObject given)
        {
            foreach (var (key, values) in given)
            {
                extra[key] = ApiServer.Authorization.Rbac.PolicyRule.Strings(values);
            }
        }

        return new UserInfo(
            JsonFields.Text(spec["user"]) ?? "",
            JsonFields.Text(spec["uid"]) ?? "",
            ApiServer.Authorization.Rbac.PolicyRule.Strings(spec["groups"]),
            extra);
    }
}
