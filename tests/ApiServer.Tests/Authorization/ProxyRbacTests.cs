namespace Orchestrator.ApiServer.Tests.Authorization;

/// <summary>
/// The proxy subresources under RBAC with the bootstrap roles, asked through kubectl 1.33 as an administrator
/// impersonating the users: the rules aggregated into upstream's edit (and so admin) grant pods/proxy and
/// services/proxy with every verb, those of view neither (the aggregation itself runs in the controller manager, not in
/// this API server, so the users are bound to the aggregated pieces); a user without the subresource is refused before
/// anything is proxied.
/// </summary>
public sealed class ProxyRbacTests(RbacServerFixture fixture) : IClassFixture<RbacServerFixture>
{
    [Theory]
    [InlineData("edit", "get", "services/proxy", "yes")]
    [InlineData("edit", "create", "pods/proxy", "yes")]
    [InlineData("edit", "delete", "services/proxy", "yes")]
    [InlineData("view", "get", "services/proxy", "no")]
    [InlineData("view", "get", "pods/proxy", "no")]
    public async Task The_rules_aggregated_into_edit_allow_proxying_and_those_of_view_do_not(string role, string verb, string resource, string expected)
    {
        var ns = $"proxy-rbac-{Guid.NewGuid():N}"[..20];
        var user = role + "-user";
        Assert.Equal(0, (await fixture.Admin.RunAsync("create", "namespace", ns)).ExitCode);
        Assert.Equal(0, (await fixture.Admin.RunAsync("create", "rolebinding", role, "-n", ns, "--clusterrole=system:aggregate-to-" + role, "--user=" + user)).ExitCode);

        // "pods/proxy" on kubectl's command line would be the pod named proxy: the subresource is a flag.
        var answer = await fixture.Admin.RunAsync("auth", "can-i", verb, resource.Split('/')[0], "--subresource=" + resource.Split('/')[1], "-n", ns, "--as=" + user);

        Assert.Equal(expected, answer.Stdout.Trim());
    }

    [Fact]
    public async Task A_user_without_services_proxy_is_forbidden_with_upstream_s_wording()
    {
        using var viewer = fixture.KubectlAs("nobody");

        var result = await viewer.RunAsync("get", "--raw", "/api/v1/namespaces/default/services/web:80/proxy/");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("services \"web:80\" is forbidden: User \"nobody\" cannot get resource \"services/proxy\" in API group \"\" in the namespace \"default\"", result.Stderr, StringComparison.Ordinal);
    }
}
