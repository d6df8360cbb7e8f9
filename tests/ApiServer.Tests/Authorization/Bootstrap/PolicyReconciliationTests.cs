using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Authorization.Bootstrap;

namespace Orchestrator.ApiServer.Tests.Authorization.Bootstrap;

public sealed class PolicyReconciliationTests
{
    private static readonly JsonObject Expected = JsonNode.Parse("""
        {"metadata":{"name":"system:node-proxier","labels":{"kubernetes.io/bootstrapping":"rbac-defaults"},"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"}},
         "rules":[{"verbs":["list","watch"],"apiGroups":[""],"resources":["services","endpoints"]}]}
        """)!.AsObject();

    [Fact]
    public void A_role_missing_a_rule_gets_it_back_and_keeps_the_users_additions()
    {
        var current = JsonNode.Parse("""
            {"metadata":{"name":"system:node-proxier","labels":{"team":"net"}},
             "rules":[{"verbs":["list"],"apiGroups":[""],"resources":["services"]},{"verbs":["get"],"apiGroups":[""],"resources":["configmaps"]}]}
            """)!.AsObject();

        var updated = PolicyReconciliation.Role(current, Expected)!;

        Assert.Equal(
            """{"metadata":{"name":"system:node-proxier","labels":{"team":"net","kubernetes.io/bootstrapping":"rbac-defaults"},"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"}},"rules":[{"verbs":["list"],"apiGroups":[""],"resources":["services"]},{"verbs":["get"],"apiGroups":[""],"resources":["configmaps"]},{"verbs":["watch"],"apiGroups":[""],"resources":["services"]},{"verbs":["list","watch"],"apiGroups":[""],"resources":["endpoints"]}]}""",
            updated.ToJsonString());
    }

    [Fact]
    public void A_role_that_already_covers_the_policy_is_left_alone_and_autoupdate_false_opts_out()
    {
        var covering = JsonNode.Parse("""
            {"metadata":{"name":"system:node-proxier","labels":{"kubernetes.io/bootstrapping":"rbac-defaults"},"annotations":{"rbac.authorization.kubernetes.io/autoupdate":"true"}},
             "rules":[{"verbs":["*"],"apiGroups":[""],"resources":["*"]}]}
            """)!.AsObject();
        var optedOut = JsonNode.Parse("""{"metadata":{"name":"system:node-proxier","annotations":{"rbac.authorization.kubernetes.io/autoupdate":"false"}},"rules":[]}""")!.AsObject();

        Assert.Null(PolicyReconciliation.Role(covering, Expected));
        Assert.Null(PolicyReconciliation.Role(optedOut, Expected));
    }

    [Fact]
    public void A_binding_gets_its_missing_subjects_appended_and_its_roleRef_restored()
    {
        var expected = JsonNode.Parse("""
            {"metadata":{"name":"b"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"system:discovery"},
             "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"system:authenticated"}]}
            """)!.AsObject();
        var current = JsonNode.Parse("""
            {"metadata":{"name":"b"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
             "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"extra"}]}
            """)!.AsObject();

        var updated = PolicyReconciliation.Binding(current, expected)!;

        Assert.Equal("system:discovery", updated["roleRef"]!["name"]!.GetValue<string>());
        Assert.Equal(["extra", "system:authenticated"], updated["subjects"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.Null(PolicyReconciliation.Binding(updated, expected));
    }
}
