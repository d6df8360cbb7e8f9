namespace Orchestrator.ApiServer.Tests.Authorization;

/// <summary>
/// pods/ephemeralcontainers under RBAC: upstream's edit role (and so admin) leaves it out, so <c>kubectl debug</c> needs a
/// rule that names the subresource; kubectl 1.33 against a secured server, as the user the rules are about.
/// </summary>
public sealed class EphemeralContainersAuthorizationTests(RbacServerFixture fixture) : IClassFixture<RbacServerFixture>
{
    [Fact]
    public async Task Kubectl_debug_needs_patch_on_the_subresource_which_the_edit_role_does_not_grant()
    {
        var ns = $"ephem-rbac-{Guid.NewGuid():N}"[..20];
        Ok(await fixture.Admin.RunAsync("create", "namespace", ns));
        Ok(await fixture.Admin.RunWithInputAsync($$$"""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default","namespace":"{{{ns}}}"}}""", "create", "-f", "-"));
        Ok(await fixture.Admin.RunAsync("run", "app", "-n", ns, "--image=nginx:1.27", "--restart=Never"));

        // What the edit role aggregates (the aggregation itself is the controller manager's, not running here).
        Ok(await fixture.Admin.RunAsync("create", "rolebinding", "dev-edit", "-n", ns, "--clusterrole=system:aggregate-to-edit", "--user=dev"));
        Ok(await fixture.Admin.RunAsync("create", "rolebinding", "dev-view", "-n", ns, "--clusterrole=system:aggregate-to-view", "--user=dev"));
        using var dev = fixture.KubectlAs("dev");

        var refused = await dev.RunAsync("debug", "app", "-n", ns, "--image=busybox:1.36", "--container=dbg", "--profile=general");
        Ok(await fixture.Admin.RunAsync("create", "role", "debugger", "-n", ns, "--verb=get,patch,update", "--resource=pods/ephemeralcontainers"));
        Ok(await fixture.Admin.RunAsync("create", "rolebinding", "dev-debug", "-n", ns, "--role=debugger", "--user=dev"));
        var allowed = await dev.RunAsync("debug", "app", "-n", ns, "--image=busybox:1.36", "--container=dbg", "--profile=general");
        var stored = Ok(await fixture.Admin.RunAsync("get", "pod", "app", "-n", ns, "-o", "jsonpath={.spec.ephemeralContainers[*].name}"));

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(
            $"pods \"app\" is forbidden: User \"dev\" cannot patch resource \"pods/ephemeralcontainers\" in API group \"\" in the namespace \"{ns}\"",
            refused.Stderr,
            StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal("dbg", stored);
    }

    private static string Ok(Orchestrator.Testing.KubectlResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }
}
