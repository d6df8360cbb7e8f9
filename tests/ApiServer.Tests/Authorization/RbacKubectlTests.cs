namespace Orchestrator.ApiServer.Tests.Authorization;

/// <summary>The RBAC kinds through a real kubectl against a secured server (as an administrator: system:masters).</summary>
public sealed class RbacKubectlTests(RbacServerFixture fixture) : IClassFixture<RbacServerFixture>
{
    [Fact]
    public async Task The_bootstrap_policy_is_listed_with_upstreams_columns()
    {
        var roles = await fixture.Admin.RunAsync("get", "clusterroles", "cluster-admin", "view", "system:node");
        var bindings = await fixture.Admin.RunAsync("get", "clusterrolebindings", "system:public-info-viewer", "-o", "wide");

        Assert.True(roles.ExitCode == 0, roles.ToString());
        Assert.Matches(@"^NAME\s+CREATED AT\ncluster-admin\s+\d{4}-\d\d-\d\dT", roles.Stdout);
        Assert.Contains("system:node ", roles.Stdout, StringComparison.Ordinal);
        Assert.True(bindings.ExitCode == 0, bindings.ToString());
        Assert.Matches(@"^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\n", bindings.Stdout);
        Assert.Matches(@"system:public-info-viewer\s+ClusterRole/system:public-info-viewer\s+\S+\s+system:authenticated, system:unauthenticated", bindings.Stdout);
    }

    [Fact]
    public async Task Kubectl_create_role_rolebinding_clusterrole_and_clusterrolebinding_work()
    {
        var ns = await CreateNamespaceAsync("kc-create");

        var role = await fixture.Admin.RunAsync("create", "role", "pod-reader", "-n", ns, "--verb=get,list", "--resource=pods,deployments.apps");
        var binding = await fixture.Admin.RunAsync("create", "rolebinding", "read-pods", "-n", ns, "--role=pod-reader", "--user=alice", "--serviceaccount=" + ns + ":builder");
        var clusterRole = await fixture.Admin.RunAsync("create", "clusterrole", "node-watcher", "--verb=get", "--resource=nodes", "--non-resource-url=/logs/*");
        var clusterBinding = await fixture.Admin.RunAsync("create", "clusterrolebinding", "watch-nodes", "--clusterrole=node-watcher", "--group=ops");
        var wide = await fixture.Admin.RunAsync("get", "rolebinding", "read-pods", "-n", ns, "-o", "wide");

        Assert.True(role.ExitCode == 0, role.ToString());
        Assert.Equal("role.rbac.authorization.k8s.io/pod-reader created\n", role.Stdout);
        Assert.True(binding.ExitCode == 0, binding.ToString());
        Assert.True(clusterRole.ExitCode == 0, clusterRole.ToString());
        Assert.True(clusterBinding.ExitCode == 0, clusterBinding.ToString());
        Assert.Matches($@"read-pods\s+Role/pod-reader\s+\S+\s+alice\s+{ns}/builder", wide.Stdout);
    }

    [Fact]
    public async Task A_typical_install_bundle_applies_and_its_bindings_roleRef_cannot_change()
    {
        var ns = await CreateNamespaceAsync("kc-apply");
        var bundle = $"""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {"{"}name: operator, namespace: {ns}{"}"}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {"{"}name: {ns}-operator{"}"}
            rules:
            - apiGroups: ["", "apps"]
              resources: ["pods", "deployments", "deployments/scale"]
              verbs: ["get", "list", "watch", "update"]
            - nonResourceURLs: ["/metrics"]
              verbs: ["get"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {"{"}name: {ns}-operator{"}"}
            roleRef: {"{"}apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {ns}-operator{"}"}
            subjects:
            - {"{"}kind: ServiceAccount, name: operator, namespace: {ns}{"}"}
            """;

        var applied = await fixture.Admin.RunWithInputAsync(bundle, "apply", "-f", "-");
        var again = await fixture.Admin.RunWithInputAsync(bundle, "apply", "-f", "-");
        var changed = await fixture.Admin.RunWithInputAsync(bundle.Replace($"name: {ns}-operator}}\nsubjects", "name: view}\nsubjects", StringComparison.Ordinal), "apply", "-f", "-");

        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains($"clusterrolebinding.rbac.authorization.k8s.io/{ns}-operator created", applied.Stdout, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"clusterrole.rbac.authorization.k8s.io/{ns}-operator unchanged", again.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, changed.ExitCode);
        Assert.Contains("roleRef: Invalid value", changed.Stderr, StringComparison.Ordinal);
        Assert.Contains("cannot change roleRef", changed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_rules_and_subjects_are_refused_with_upstreams_field_errors()
    {
        var ns = await CreateNamespaceAsync("kc-invalid");
        var role = $$"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"bad","namespace":"{{ns}}"},
             "rules":[{"verbs":[],"apiGroups":[""],"resources":["pods"]},{"verbs":["get"],"nonResourceURLs":["/x"]},{"verbs":["get"],"resources":["pods"]}]}
            """;
        var binding = """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"bad"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"x"},
             "subjects":[{"kind":"ServiceAccount","name":"sa"},{"kind":"Robot","name":"r"}]}
            """;

        var roleResult = await fixture.Admin.RunWithInputAsync(role, "create", "-f", "-");
        var bindingResult = await fixture.Admin.RunWithInputAsync(binding, "create", "-f", "-");

        Assert.Contains("rules[0].verbs: Required value: verbs must contain at least one value", roleResult.Stderr, StringComparison.Ordinal);
        Assert.Contains("rules[1].nonResourceURLs: Invalid value: []string{\"/x\"}: namespaced rules cannot apply to non-resource URLs", roleResult.Stderr, StringComparison.Ordinal);
        Assert.Contains("rules[2].apiGroups: Required value: resource rules must supply at least one api group", roleResult.Stderr, StringComparison.Ordinal);
        Assert.Contains("roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"", bindingResult.Stderr, StringComparison.Ordinal);
        Assert.Contains("subjects[0].namespace: Required value", bindingResult.Stderr, StringComparison.Ordinal);
        Assert.Contains("subjects[1].kind: Unsupported value: \"Robot\"", bindingResult.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_auth_can_i_answers_yes_and_lists_the_administrators_rules()
    {
        var yes = await fixture.Admin.RunAsync("auth", "can-i", "delete", "secrets", "-n", "kube-system");
        var list = await fixture.Admin.RunAsync("auth", "can-i", "--list", "-n", "default");

        Assert.Equal("yes\n", yes.Stdout);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs\n", list.Stdout);
        Assert.Matches(@"\n\*\.\*\s+\[\]\s+\[\]\s+\[\*\]\n", list.Stdout);
        Assert.Matches(@"\n\s+\[\*\]\s+\[\]\s+\[\*\]\n", list.Stdout);
    }

    private async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var result = await fixture.Admin.RunAsync("create", "namespace", name);
        Assert.True(result.ExitCode == 0, result.ToString());
        return name;
    }
}
