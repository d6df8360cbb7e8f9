using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Admission.Webhooks;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.Admission.Webhooks;

/// <summary>Which webhooks a write is sent to: rules, scopes, selectors and match policies, as upstream's ShouldCallHook.</summary>
public sealed class WebhookMatcherTests
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Namespaces = new()
    {
        ["team-a"] = new Dictionary<string, string> { ["webhooks"] = "on" },
        ["team-b"] = new Dictionary<string, string>(),
    };

    /// <summary>(why, rules, operation, "group/plural[/subresource]", namespace, matches).</summary>
    public static TheoryData<string, string, string, string, string, bool> Rules => new()
    {
        { "everything", Hooks.AllRules, "CREATE", "/configmaps", "team-a", true },
        { "the operation listed", Rule("CREATE", "", "v1", "configmaps"), "CREATE", "/configmaps", "team-a", true },
        { "another operation", Rule("CREATE", "", "v1", "configmaps"), "UPDATE", "/configmaps", "team-a", false },
        { "DELETE by name", Rule("DELETE", "", "v1", "configmaps"), "DELETE", "/configmaps", "team-a", true },
        { "another group", Rule("*", "apps", "v1", "configmaps"), "CREATE", "/configmaps", "team-a", false },
        { "another version", Rule("*", "", "v2", "configmaps"), "CREATE", "/configmaps", "team-a", false },
        { "another resource", Rule("*", "", "v1", "secrets"), "CREATE", "/configmaps", "team-a", false },
        { "a bare resource does not take its subresources", Rule("*", "", "v1", "pods"), "UPDATE", "/pods/status", "team-a", false },
        { "resource/subresource", Rule("*", "", "v1", "pods/status"), "UPDATE", "/pods/status", "team-a", true },
        { "* takes no subresource", Rule("*", "", "v1", "*"), "UPDATE", "/pods/status", "team-a", false },
        { "*/* takes every subresource", Rule("*", "", "v1", "*/*"), "UPDATE", "/pods/status", "team-a", true },
        { "*/status", Rule("*", "", "v1", "*/status"), "UPDATE", "/pods/status", "team-a", true },
        { "pods/* takes the pod itself", Rule("*", "", "v1", "pods/*"), "CREATE", "/pods", "team-a", true },
        { "Namespaced scope: a namespaced object", Rule("*", "", "v1", "configmaps", "Namespaced"), "CREATE", "/configmaps", "team-a", true },
        { "Cluster scope: not a namespaced object", Rule("*", "", "v1", "configmaps", "Cluster"), "CREATE", "/configmaps", "team-a", false },
        { "Cluster scope: a node", Rule("*", "", "v1", "nodes", "Cluster"), "CREATE", "/nodes", "", true },
        { "Cluster scope: a namespace", Rule("*", "", "v1", "namespaces", "Cluster"), "CREATE", "/namespaces", "team-a", true },
        { "Namespaced scope: never a namespace", Rule("*", "", "v1", "namespaces", "Namespaced"), "UPDATE", "/namespaces", "team-a", false },
        { "a group by name", Rule("*", "apps", "v1", "deployments"), "CREATE", "apps/deployments", "team-a", true },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rules_match_as_upstreams_rule_matcher(string why, string rules, string operation, string resource, string ns, bool matches)
    {
        var hook = Hooks.One($$"""{"rules":{{rules}}}""");
        var request = Request(operation, resource, ns);
        Assert.True(matches == (Match(hook, request) is not null), why);
    }

    /// <summary>(why, namespaceSelector, objectSelector, namespace, object labels, old object labels, matches).</summary>
    public static TheoryData<string, string, string, string, string?, string?, bool> Selectors => new()
    {
        { "empty selectors take everything", "{}", "{}", "team-b", "{}", null, true },
        { "namespace labels match", """{"matchLabels":{"webhooks":"on"}}""", "{}", "team-a", "{}", null, true },
        { "namespace labels do not match", """{"matchLabels":{"webhooks":"on"}}""", "{}", "team-b", "{}", null, false },
        { "NotIn an excluded namespace", """{"matchExpressions":[{"key":"webhooks","operator":"NotIn","values":["on"]}]}""", "{}", "team-a", "{}", null, false },
        { "the object's labels", "{}", """{"matchLabels":{"app":"web"}}""", "team-b", """{"app":"web"}""", null, true },
        { "the old object's labels are enough", "{}", """{"matchLabels":{"app":"web"}}""", "team-b", """{"app":"db"}""", """{"app":"web"}""", true },
        { "neither object's labels", "{}", """{"matchLabels":{"app":"web"}}""", "team-b", """{"app":"db"}""", """{"app":"db"}""", false },
    };

    [Theory]
    [MemberData(nameof(Selectors))]
    public void Selectors_look_at_the_namespace_and_both_objects(string why, string namespaceSelector, string objectSelector, string ns, string? labels, string? oldLabels, bool matches)
    {
        var hook = Hooks.One($$"""{"namespaceSelector":{{namespaceSelector}},"objectSelector":{{objectSelector}}}""");
        var request = Request("UPDATE", "/configmaps", ns) with
        {
            Object = labels is null ? null : Labelled(labels),
            OldObject = oldLabels is null ? null : Labelled(oldLabels),
        };
        Assert.True(matches == (Match(hook, request) is not null), why);
    }

    [Fact]
    public void Cluster_scoped_objects_ignore_the_namespace_selector()
    {
        var hook = Hooks.One("""{"namespaceSelector":{"matchLabels":{"webhooks":"on"}}}""");
        Assert.NotNull(Match(hook, Request("CREATE", "/nodes", "")));
    }

    [Fact]
    public void A_namespace_being_created_is_matched_on_its_own_labels_and_one_being_deleted_on_the_stored_ones()
    {
        var hook = Hooks.One("""{"namespaceSelector":{"matchLabels":{"webhooks":"on"}}}""");
        var created = Request("CREATE", "/namespaces", "new") with { Object = Labelled("""{"webhooks":"on"}""") };
        Assert.NotNull(Match(hook, created));
        var deleted = Request("DELETE", "/namespaces", "team-b") with { Object = null, OldObject = Labelled("""{"webhooks":"on"}""") };
        Assert.Null(Match(hook, deleted));
    }

    [Fact]
    public void A_missing_namespace_is_404_only_when_the_rules_match()
    {
        var selecting = """{"namespaceSelector":{"matchLabels":{"webhooks":"on"}},"rules":RULES}""";
        var matching = Hooks.One(selecting.Replace("RULES", Rule("*", "", "v1", "configmaps"), StringComparison.Ordinal));
        var error = Assert.Throws<ApiException>(() => Match(matching, Request("CREATE", "/configmaps", "gone")));
        Assert.Equal((404, "namespaces \"gone\" not found"), (error.Code, error.Message));

        var other = Hooks.One(selecting.Replace("RULES", Rule("*", "", "v1", "secrets"), StringComparison.Ordinal));
        Assert.Null(Match(other, Request("CREATE", "/configmaps", "gone")));
    }

    [Fact]
    public void Equivalent_matches_the_resource_in_another_served_version_and_Exact_does_not()
    {
        var configMaps = Served.Resource("", "configmaps");
        var served = ResourceRegistry.BuiltIn.All.Append(configMaps with { Version = "v2" }).ToList();
        var rule = Rule("*", "", "v2", "configmaps");
        var request = Request("CREATE", "/configmaps", "team-a");

        var equivalent = WebhookMatcher.Match(Hooks.One($$"""{"rules":{{rule}},"matchPolicy":"Equivalent"}"""), request, Labels, served);
        Assert.Equal("v2", equivalent?.Resource.Version);
        Assert.Equal("v1", request.Resource.Version);

        Assert.Null(WebhookMatcher.Match(Hooks.One($$"""{"rules":{{rule}},"matchPolicy":"Exact"}"""), request, Labels, served));
    }

    [Fact]
    public void MatchConditions_are_not_evaluated_Ignore_skips_the_webhook_and_Fail_refuses()
    {
        const string conditions = """ "matchConditions":[{"name":"c","expression":"true"}] """;
        Assert.Null(Match(Hooks.One($$"""{ {{conditions}}, "failurePolicy":"Ignore"}"""), Request("CREATE", "/configmaps", "team-a")));
        var error = Assert.Throws<ApiException>(() => Match(Hooks.One($$"""{ {{conditions}}, "failurePolicy":"Fail"}"""), Request("CREATE", "/configmaps", "team-a")));
        Assert.Equal(403, error.Code);
        Assert.Equal("configmaps \"cm\" is forbidden: failed calling webhook \"hook.example.com\": matchConditions are not supported by this server", error.Message);
    }

    [Theory]
    [InlineData("validatingwebhookconfigurations", true)]
    [InlineData("mutatingwebhookconfigurations", true)]
    [InlineData("configmaps", false)]
    public void Webhook_configurations_themselves_are_never_sent_to_webhooks(string plural, bool exempt)
    {
        var resource = ResourceRegistry.BuiltIn.All.First(r => r.Plural == plural);
        Assert.Equal(exempt, WebhookMatcher.IsExempt(resource));
    }

    [Fact]
    public void A_namespace_request_names_its_own_namespace_and_a_delete_sends_no_object()
    {
        var stored = JsonNode.Parse("""{"metadata":{"name":"team-a"}}""")!.AsObject();
        var request = WebhookRequest.From(new AdmissionAttributes(AdmissionOperation.Delete, Served.Resource("", "namespaces"), null, null, "team-a", stored, stored, DryRun: false));
        Assert.Equal(("DELETE", "team-a", true, null), (request.Operation, request.Namespace, request.IsNamespace, request.Object));
        Assert.Same(stored, request.OldObject);
    }

    private static string Rule(string operation, string group, string version, string resource, string scope = "*") =>
        $$"""[{"operations":["{{operation}}"],"apiGroups":["{{group}}"],"apiVersions":["{{version}}"],"resources":["{{resource}}"],"scope":"{{scope}}"}]""";

    private static WebhookRequest Request(string operation, string resource, string ns)
    {
        var parts = resource.Split('/');
        var definition = Served.Resource(parts[0], parts[1]);
        var name = parts[1] == "namespaces" ? ns : "cm";
        var obj = operation == "DELETE" ? null : Labelled("{}");
        return new WebhookRequest(operation, definition, parts.Length > 2 ? parts[2] : "", ns, name, obj, null, DryRun: false);
    }

    private static JsonObject Labelled(string labels) => JsonNode.Parse($$$"""{"metadata":{"name":"cm","labels":{{{labels}}}}}""")!.AsObject();

    private static WebhookInvocation? Match(WebhookDefinition hook, WebhookRequest request) =>
        WebhookMatcher.Match(hook, request, Labels, ResourceRegistry.BuiltIn.All);

    private static IReadOnlyDictionary<string, string>? Labels(string ns) => Namespaces.GetValueOrDefault(ns);
}
