namespace Orchestrator.E2E.Tests;

/// <summary>
/// Real kubectl (1.33 and 1.27) against the real server, asserting on what a user sees.
/// Runs once per store backend through the subclasses below.
/// </summary>
public abstract class KubectlTests(OrchestratorProcess server)
{
    public static TheoryData<string> Versions => new() { "1.33", "1.27" };

    protected OrchestratorProcess Server { get; } = server;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Get_namespaces_shows_the_system_namespaces(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);

        var result = await kubectl.RunAsync("get", "namespaces");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("NAME", result.Stdout, StringComparison.Ordinal);
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            Assert.Contains(name, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Api_resources_lists_the_served_kinds_with_short_names(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);

        var result = await kubectl.RunAsync("api-resources");

        Assert.True(result.ExitCode == 0, result.ToString());
        var deployments = result.Stdout.Split('\n').Single(l => l.StartsWith("deployments ", StringComparison.Ordinal));
        Assert.Matches(@"^deployments\s+deploy\s+apps/v1\s+true\s+Deployment\s*$", deployments);
        Assert.Contains(result.Stdout.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^pods\s+po\s+v1\s+true\s+Pod\s*$"));
        Assert.Contains(result.Stdout.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^nodes\s+no\s+v1\s+false\s+Node\s*$"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Create_get_and_delete_a_configmap_from_yaml(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var name = $"demo-{version.Replace(".", "-", StringComparison.Ordinal)}";
        var manifest = $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {name}
              labels: {"{"}app: demo{"}"}
            data:
              greeting: hello
            """;

        var created = await kubectl.RunWithInputAsync(manifest, "create", "-f", "-", "--validate=false");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal($"configmap/{name} created\n", created.Stdout);

        var json = await kubectl.RunAsync("get", "configmap", name, "-o", "jsonpath={.data.greeting} {.metadata.labels.app} {.metadata.namespace}");
        Assert.Equal("hello demo default", json.Stdout);

        var again = await kubectl.RunWithInputAsync(manifest, "create", "-f", "-", "--validate=false");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"Error from server (AlreadyExists): error when creating \"STDIN\": configmaps \"{name}\" already exists", again.Stderr, StringComparison.Ordinal);

        var deleted = await kubectl.RunAsync("delete", "configmap", name);
        Assert.Equal($"configmap \"{name}\" deleted\n", deleted.Stdout);

        var gone = await kubectl.RunAsync("get", "configmap", name);
        Assert.Equal(1, gone.ExitCode);
        Assert.Equal($"Error from server (NotFound): configmaps \"{name}\" not found\n", gone.Stderr);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Listing_an_empty_namespace_says_no_resources_found(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);

        var result = await kubectl.RunAsync("get", "pods", "-n", "nowhere");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No resources found in nowhere namespace.\n", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Creating_in_a_missing_namespace_is_not_found(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);

        var result = await kubectl.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", "create", "-f", "-", "-n", "missing-ns", "--validate=false");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("namespaces \"missing-ns\" not found", result.Stderr, StringComparison.Ordinal);
    }
}

public sealed class KubectlOnSqliteTests(SqliteServerFixture fixture) : KubectlTests(fixture.Server), IClassFixture<SqliteServerFixture>;

public sealed class KubectlOnEtcdTests(EtcdServerFixture fixture) : KubectlTests(fixture.Server), IClassFixture<EtcdServerFixture>;
