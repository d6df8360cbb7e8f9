namespace Orchestrator.ApiServer.Registry.Authorization;

/// <summary>
/// SelfSubjectRulesReview: what the requesting user may do in spec.namespace (<c>kubectl auth can-i --list</c>),
/// from each authorizer of the chain that can tell (upstream's union RulesFor): AlwaysAllow grants
/// everything, RBAC its bound rules; an authorizer that cannot list its rules makes the answer incomplete.
/// </summary>
internal sealed class SelfSubjectRulesReviewHandler(AuthorizerChain authorizers) : IReviewHandler
{
    public string Group => AccessReviewSpec.Group;

    public string Plural => "selfsubjectrulesreviews";

    public Task<JsonObject> ReviewAsync(HttpContext context, ResourceRequest request, JsonObject body)
    {
        var ns = JsonFields.Text(body["spec"]?["namespace"]) ?? "";
        var user = RequestUser.Get(context);
        var rules = new List<PolicyRule>();
        var errors = new List<string>();
        var incomplete = false;
        foreach (var authorizer in authorizers.Authorizers)
        {
            switch (authorizer)
            {
                case AlwaysAllowAuthorizer:
                    rules.Add(PolicyRule.Resource(["*"], ["*"], "*"));
                    rules.Add(PolicyRule.Urls(["*"], "*"));
                    break;
                case IRuleResolver resolver:
                    var (resolved, failures) = resolver.RulesFor(user, ns);
                    rules.AddRange(resolved);
                    errors.AddRange(failures);
                    break;
                default:
                    incomplete = true;
                    break;
            }
        }

        var status = new JsonObject
        {
            ["resourceRules"] = new JsonArray([.. rules.Where(r => r.NonResourceUrls.Length == 0).Select(ResourceRule)]),
            ["nonResourceRules"] = new JsonArray([.. rules.Where(r => r.NonResourceUrls.Length > 0).Select(NonResourceRule)]),
            ["incomplete"] = incomplete || errors.Count > 0,
        };
        if (errors.Count > 0)
        {
            status["evaluationError"] = ApiMachinery.Text.GoText.Aggregate(errors);
        }

        body["status"] = status;
        return Task.FromResult(body);
    }

    private static JsonNode ResourceRule(PolicyRule rule)
    {
        var json = rule.ToJson();
        json.Remove("nonResourceURLs");
        return json;
    }

    private static JsonNode NonResourceRule(PolicyRule rule) =>
        new JsonObject { ["verbs"] = rule.ToJson()["verbs"]!.DeepClone(), ["nonResourceURLs"] = rule.ToJson()["nonResourceURLs"]!.DeepClone() };
}
