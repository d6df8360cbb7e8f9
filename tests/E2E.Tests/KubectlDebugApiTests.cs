using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// <c>kubectl debug</c> without <c>-it</c>, on the API alone (no scheduler, no node): real kubectl 1.33 and 1.27 add an
/// ephemeral container through pods/ephemeralcontainers, copy a pod with <c>--copy-to</c>, and send every debugging
/// profile's security context; the stored pods are read back as a user would read them.
/// </summary>
public sealed class KubectlDebugApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    public static TheoryData<string> Versions => KubectlTests.Versions;

    /// <summary>Every profile each kubectl offers (sysadmin came with 1.30).</summary>
    public static TheoryData<string, string> Profiles => new()
    {
        { "1.33", "legacy" }, { "1.33", "general" }, { "1.33", "baseline" }, { "1.33", "restricted" }, { "1.33", "netadmin" }, { "1.33", "sysadmin" },
        { "1.27", "legacy" }, { "1.27", "general" }, { "1.27", "baseline" }, { "1.27", "restricted" }, { "1.27", "netadmin" },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Debug_adds_an_ephemeral_container_targeting_a_container(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var ns = await NamespaceWithPodAsync(kubectl, "debug-add-" + Short(version));

        var debug = await kubectl.RunAsync("debug", "app", "-n", ns, "--image=busybox:1.36", "--container=dbg", "--target=app");
        var stored = Ok(await kubectl.RunAsync("get", "pod", "app", "-n", ns, "-o",
            "jsonpath={.spec.ephemeralContainers[*].name} {.spec.ephemeralContainers[0].image} {.spec.ephemeralContainers[0].targetContainerName} {.spec.ephemeralContainers[0].terminationMessagePolicy}"));

        Assert.True(debug.ExitCode == 0, debug.ToString());
        Assert.Equal("dbg busybox:1.36 app File", stored);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Debug_reusing_a_name_leaves_the_existing_container_as_it_was(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var ns = await NamespaceWithPodAsync(kubectl, "debug-again-" + Short(version));
        Ok(await kubectl.RunAsync("debug", "app", "-n", ns, "--image=busybox:1.36", "--container=dbg"));

        // kubectl's two-way patch lists "dbg" twice, the stored one last: the strategic merge folds both into the
        // existing container, so the patch changes nothing (the server's "may not be changed" needs a real change).
        var again = await kubectl.RunAsync("debug", "app", "-n", ns, "--image=busybox:1.37", "--container=dbg");
        var stored = Ok(await kubectl.RunAsync("get", "pod", "app", "-n", ns, "-o", "jsonpath={.spec.ephemeralContainers[*].name} {.spec.ephemeralContainers[*].image}"));

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("dbg busybox:1.36", stored);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Debug_without_a_name_adds_a_generated_debugger_beside_the_first(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var ns = await NamespaceWithPodAsync(kubectl, "debug-two-" + Short(version));

        Ok(await kubectl.RunAsync("debug", "app", "-n", ns, "--image=busybox:1.36", "--container=first"));
        var second = await kubectl.RunAsync("debug", "app", "-n", ns, "--image=busybox:1.36");
        var names = Ok(await kubectl.RunAsync("get", "pod", "app", "-n", ns, "-o", "jsonpath={.spec.ephemeralContainers[*].name}")).Split(' ');

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Matches("^Defaulting debug container name to debugger-[a-z0-9]{5}\\.\n$", second.Stdout);
        Assert.Equal(2, names.Length);
        Assert.Contains("first", names);
        Assert.Single(names, n => n.StartsWith("debugger-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Debug_with_an_unknown_target_is_refused_with_upstreams_message(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var ns = await NamespaceWithPodAsync(kubectl, "debug-bad-" + Short(version));

        var debug = await kubectl.RunAsync("debug", "app", "-n", ns, "--image=busybox:1.36", "--container=dbg", "--target=nope");

        Assert.NotEqual(0, debug.ExitCode);
        Assert.Contains("spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"", debug.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Copy_to_creates_a_copy_sharing_processes_with_the_images_set(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var ns = await NamespaceWithPodAsync(kubectl, "debug-copy-" + Short(version));

        var copy = await kubectl.RunAsync("debug", "app", "-n", ns, "--copy-to=app-copy", "--share-processes", "--set-image=*=busybox:1.36");
        var stored = Ok(await kubectl.RunAsync("get", "pod", "app-copy", "-n", ns, "-o",
            "jsonpath={.spec.shareProcessNamespace} {.spec.containers[*].name} {.spec.containers[*].image}"));

        Assert.True(copy.ExitCode == 0, copy.ToString());
        Assert.Equal("true app busybox:1.36", stored);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Copy_to_with_an_image_adds_the_debugger_as_a_container_of_the_copy(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var ns = await NamespaceWithPodAsync(kubectl, "debug-copy-img-" + Short(version));
        Ok(await kubectl.RunAsync("debug", "app", "-n", ns, "--image=busybox:1.36", "--container=eph"));

        var copy = await kubectl.RunAsync("debug", "app", "-n", ns, "--copy-to=app-debug", "--image=busybox:1.36", "--container=dbg");
        var stored = Ok(await kubectl.RunAsync("get", "pod", "app-debug", "-n", ns, "-o",
            "jsonpath={.spec.containers[*].name}|{.spec.ephemeralContainers[*].name}"));

        // The original's ephemeral containers stay behind: a new pod may not have any.
        Assert.True(copy.ExitCode == 0, copy.ToString());
        Assert.Equal("app dbg|", stored);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Every_profile_produces_an_ephemeral_container_the_server_accepts(string version, string profile)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var ns = await NamespaceWithPodAsync(kubectl, $"debug-{profile}-{Short(version)}");

        var debug = await kubectl.RunAsync("debug", "app", "-n", ns, "--image=busybox:1.36", "--container=dbg", $"--profile={profile}");
        var context = Ok(await kubectl.RunAsync("get", "pod", "app", "-n", ns, "-o", "jsonpath={.spec.ephemeralContainers[0].securityContext}"));

        Assert.True(debug.ExitCode == 0, debug.ToString());
        Assert.Equal(ExpectedSecurityContext(version, profile), context);
    }

    /// <summary>
    /// What kubectl's profiles put on an ephemeral container (k8s.io/kubectl/pkg/cmd/debug/profiles.go), stored as sent:
    /// 1.27's restricted profile sets neither allowPrivilegeEscalation nor a seccomp profile, its netadmin no NET_RAW.
    /// </summary>
    private static string ExpectedSecurityContext(string version, string profile) => (version, profile) switch
    {
        (_, "general") => """{"capabilities":{"add":["SYS_PTRACE"]}}""",
        ("1.27", "restricted") => """{"capabilities":{"drop":["ALL"]},"runAsNonRoot":true}""",
        (_, "restricted") => """{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}""",
        ("1.27", "netadmin") => """{"capabilities":{"add":["NET_ADMIN"]}}""",
        (_, "netadmin") => """{"capabilities":{"add":["NET_ADMIN","NET_RAW"]}}""",
        (_, "sysadmin") => """{"privileged":true}""",
        _ => "",
    };

    private static async Task<string> NamespaceWithPodAsync(Kubectl kubectl, string ns)
    {
        Ok(await kubectl.RunAsync("create", "namespace", ns));
        Ok(await kubectl.RunWithInputAsync($$$"""
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default","namespace":"{{{ns}}}"}}
            """, "create", "-f", "-"));
        Ok(await kubectl.RunAsync("run", "app", "-n", ns, "--image=nginx:1.27", "--restart=Never"));
        return ns;
    }

    private static string Short(string version) => version.Replace(".", "", StringComparison.Ordinal);

    private static string Ok(KubectlResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }
}
