using Orchestrator.Testing;

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

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Secret_stringData_applied_reads_back_as_base64_data(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var name = Name("secret", version);
        string Manifest(string secretName, string password) => $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: {secretName}
            data:
              user: YWRtaW4=
            stringData:
              password: {password}
            """;

        var applied = await kubectl.RunWithInputAsync(Manifest(name, "s3cr3t"), "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var read = await kubectl.RunAsync("get", "secret", name, "-o", "jsonpath={.data.password} {.data.user}|{.stringData}");
        Assert.Equal("czNjcjN0 YWRtaW4=|", read.Stdout);

        var changed = await kubectl.RunWithInputAsync(Manifest(name, "n3w"), "apply", "-f", "-");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal("bjN3", (await kubectl.RunAsync("get", "secret", name, "-o", "jsonpath={.data.password}")).Stdout);

        var serverSide = await kubectl.RunWithInputAsync(Manifest(name + "-ssa", "s3cr3t"), "apply", "--server-side", "-f", "-");
        Assert.True(serverSide.ExitCode == 0, serverSide.ToString());
        Assert.Equal("czNjcjN0|", (await kubectl.RunAsync("get", "secret", name + "-ssa", "-o", "jsonpath={.data.password}|{.stringData}")).Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Apply_creates_then_is_unchanged_then_configures_a_changed_deployment(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var name = Name("apply", version);

        var first = await kubectl.RunWithInputAsync(Deployment(name, "nginx:1.25", replicas: 2, mode: "one"), "apply", "-f", "-");
        var again = await kubectl.RunWithInputAsync(Deployment(name, "nginx:1.25", replicas: 2, mode: "one"), "apply", "-f", "-");
        var changed = await kubectl.RunWithInputAsync(Deployment(name, "nginx:1.26", replicas: 3, mode: "two"), "apply", "-f", "-");
        var state = await kubectl.RunAsync("get", "deployment", name, "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].value} {.metadata.generation}");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal($"deployment.apps/{name} created\n", first.Stdout);
        Assert.Equal($"deployment.apps/{name} unchanged\n", again.Stdout);
        Assert.Equal($"deployment.apps/{name} configured\n", changed.Stdout);
        Assert.Equal("3 nginx:1.26 two 2", state.Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Get_prints_upstream_columns_wide_columns_and_labels(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var name = Name("table", version);
        await kubectl.RunWithInputAsync(Deployment(name, "nginx:1.25", replicas: 2, mode: "one"), "apply", "-f", "-");
        await kubectl.RunAsync("label", "deployment", name, "tier=frontend");

        var wide = await kubectl.RunAsync("get", "deployment", name, "-o", "wide");
        var labels = await kubectl.RunAsync("get", "deployment", name, "--show-labels");

        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\n", wide.Stdout);
        Assert.Matches($@"\n{name}\s+0/2\s+0\s+0\s+\d+s\s+main\s+nginx:1.25\s+app={name}\n", wide.Stdout);
        Assert.Matches($@"\n{name}\s+0/2\s+0\s+0\s+\d+s\s+tier=frontend\n", labels.Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Scale_sets_replicas_and_refuses_a_wrong_current_replicas(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var name = Name("scale", version);
        await kubectl.RunWithInputAsync(Deployment(name, "nginx:1.25", replicas: 2, mode: "one"), "apply", "-f", "-");

        var scaled = await kubectl.RunAsync("scale", "deployment", name, "--replicas=4");
        var refused = await kubectl.RunAsync("scale", "deployment", name, "--current-replicas=3", "--replicas=1");
        var replicas = await kubectl.RunAsync("get", "deployment", name, "-o", "jsonpath={.spec.replicas}");

        Assert.Equal($"deployment.apps/{name} scaled\n", scaled.Stdout);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Expected replicas to be 3, was 4", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("4", replicas.Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Explain_prints_the_field_documentation(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);

        var result = await kubectl.RunAsync("explain", "deployment.spec.strategy");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("KIND:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Deployment", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("rollingUpdate", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Server_dry_run_validates_without_persisting(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var name = Name("dry", version);

        var dry = await kubectl.RunWithInputAsync(Deployment(name, "nginx", replicas: 1, mode: "x"), "create", "-f", "-", "--dry-run=server");
        var get = await kubectl.RunAsync("get", "deployment", name);

        Assert.Equal($"deployment.apps/{name} created (server dry run)\n", dry.Stdout);
        Assert.Equal(1, get.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Create_generators_work_including_1_32_plus_protobuf_bodies(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var ns = Name("gen", version);

        var created = new[]
        {
            await kubectl.RunAsync("create", "namespace", ns),
            await kubectl.RunAsync("create", "configmap", "cm", "-n", ns, "--from-literal=a=b"),
            await kubectl.RunAsync("create", "secret", "generic", "s", "-n", ns, "--from-literal=password=hunter2"),
            await kubectl.RunAsync("create", "deployment", "d", "-n", ns, "--image=nginx", "--replicas=2"),
            await kubectl.RunAsync("create", "service", "clusterip", "svc", "-n", ns, "--tcp=80:8080"),
        };
        var secret = await kubectl.RunAsync("get", "secret", "s", "-n", ns, "-o", "jsonpath={.data.password}");
        var deployment = await kubectl.RunAsync("get", "deployment", "d", "-n", ns, "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}");

        Assert.All(created, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal($"namespace/{ns} created\n", created[0].Stdout);
        Assert.Equal("configmap/cm created\n", created[1].Stdout);
        Assert.Equal("secret/s created\n", created[2].Stdout);
        Assert.Equal("deployment.apps/d created\n", created[3].Stdout);
        Assert.Equal("service/svc created\n", created[4].Stdout);
        Assert.Equal(Convert.ToBase64String("hunter2"u8.ToArray()), secret.Stdout);
        Assert.Equal("2 nginx", deployment.Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Rollout_history_and_undo_work_against_replicasets_made_by_hand(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var name = Name("undo", version);
        await kubectl.RunWithInputAsync(Deployment(name, "nginx:1.25", replicas: 1, mode: "m"), "apply", "-f", "-");
        var uid = (await kubectl.RunAsync("get", "deployment", name, "-o", "jsonpath={.metadata.uid}")).Stdout;
        foreach (var (revision, image) in new[] { (1, "nginx:1.24"), (2, "nginx:1.25") })
        {
            var rs = """
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"NAME-rREV",
                  "labels":{"app":"NAME"},
                  "annotations":{"deployment.kubernetes.io/revision":"REV"},
                  "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"NAME","uid":"UID","controller":true,"blockOwnerDeletion":true}]},
                 "spec":{"replicas":0,"selector":{"matchLabels":{"app":"NAME"}},
                  "template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"main","image":"IMAGE","env":[{"name":"MODE","value":"m"}]}]}}}}
                """.Replace("NAME", name, StringComparison.Ordinal).Replace("REV", revision.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("UID", uid, StringComparison.Ordinal).Replace("IMAGE", image, StringComparison.Ordinal);
            var created = await kubectl.RunWithInputAsync(rs, "create", "-f", "-");
            Assert.True(created.ExitCode == 0, created.ToString());
        }

        var history = await kubectl.RunAsync("rollout", "history", $"deployment/{name}");
        var undo = await kubectl.RunAsync("rollout", "undo", $"deployment/{name}");
        var imageAfter = await kubectl.RunAsync("get", "deployment", name, "-o", "jsonpath={.spec.template.spec.containers[0].image}");

        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Matches(@"REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>", history.Stdout);
        Assert.True(undo.ExitCode == 0, undo.ToString());
        Assert.Equal($"deployment.apps/{name} rolled back\n", undo.Stdout);
        Assert.Equal("nginx:1.24", imageAfter.Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Get_watch_prints_the_current_row_then_changes(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var name = Name("watch", version);
        await kubectl.RunWithInputAsync(Deployment(name, "nginx", replicas: 1, mode: "w"), "apply", "-f", "-");

        using var watch = kubectl.Start("get", "deployment", name, "-w");
        var header = await watch.ReadLineAsync(TimeSpan.FromSeconds(30));
        var initial = await watch.ReadLineAsync(TimeSpan.FromSeconds(30));
        await kubectl.RunAsync("scale", "deployment", name, "--replicas=3");
        var changed = await watch.ReadLineAsync(TimeSpan.FromSeconds(30));

        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$", header);
        Assert.Matches($@"^{name}\s+0/1\s", initial);
        Assert.Matches($@"^{name}\s+0/3\s", changed);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Cordon_and_uncordon_a_node(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var node = Name("node", version);
        await kubectl.RunWithInputAsync($$$"""{"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{node}}}"}}""", "create", "-f", "-");

        var cordoned = await kubectl.RunAsync("cordon", node);
        var flag = await kubectl.RunAsync("get", "node", node, "-o", "jsonpath={.spec.unschedulable}");
        var uncordoned = await kubectl.RunAsync("uncordon", node);
        var after = await kubectl.RunAsync("get", "node", node, "-o", "jsonpath={.spec.unschedulable}");

        Assert.Equal($"node/{node} cordoned\n", cordoned.Stdout);
        Assert.Equal("true", flag.Stdout);
        Assert.Equal($"node/{node} uncordoned\n", uncordoned.Stdout);
        Assert.Equal("", after.Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Get_across_namespaces_sorted_and_by_field(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var ns = Name("sort", version);
        await kubectl.RunAsync("create", "namespace", ns);
        foreach (var name in new[] { "zeta", "alpha" })
        {
            await kubectl.RunWithInputAsync(Deployment(name, "nginx", replicas: 1, mode: "s"), "apply", "-n", ns, "-f", "-");
        }

        var sorted = await kubectl.RunAsync("get", "deployments", "-n", ns, "--sort-by=.metadata.name", "-o", "name");
        var all = await kubectl.RunAsync("get", "deployments", "-A");
        var byField = await kubectl.RunAsync("get", "deployments", "-n", ns, "--field-selector", "metadata.name=zeta", "-o", "name");
        var badField = await kubectl.RunAsync("get", "deployments", "-n", ns, "--field-selector", "spec.bogus=1");

        Assert.Equal("deployment.apps/alpha\ndeployment.apps/zeta\n", sorted.Stdout);
        Assert.Matches(@"^NAMESPACE\s+NAME\s+READY", all.Stdout);
        Assert.Matches($@"\n{ns}\s+alpha\s", all.Stdout);
        Assert.Equal("deployment.apps/zeta\n", byField.Stdout);
        Assert.Equal(1, badField.ExitCode);
        Assert.Contains("BadRequest", badField.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Annotate_set_image_and_describe(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var name = Name("describe", version);
        await kubectl.RunWithInputAsync(Deployment(name, "nginx:1.25", replicas: 2, mode: "d"), "apply", "-f", "-");

        var annotated = await kubectl.RunAsync("annotate", "deployment", name, "note=hello world");
        var image = await kubectl.RunAsync("set", "image", $"deployment/{name}", "main=nginx:1.27");
        var describe = await kubectl.RunAsync("describe", "deployment", name);

        // kubectl 1.27 itself prints "annotate" here; 1.28+ print "annotated".
        Assert.Matches($@"^deployment.apps/{name} annotated?\n$", annotated.Stdout);
        Assert.Equal($"deployment.apps/{name} image updated\n", image.Stdout);
        Assert.True(describe.ExitCode == 0, describe.ToString());
        Assert.Matches($@"Name:\s+{name}\n", describe.Stdout);
        Assert.Matches(@"Annotations:\s+.*note: hello world", describe.Stdout);
        Assert.Matches(@"Image:\s+nginx:1.27", describe.Stdout);
        Assert.Matches(@"Replicas:\s+2 desired", describe.Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Delete_cascade_orphan_and_foreground_are_recorded_for_the_garbage_collector(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var orphan = Name("orphan", version);
        var foreground = Name("fg", version);
        await kubectl.RunWithInputAsync(Deployment(orphan, "nginx", replicas: 1, mode: "o"), "apply", "-f", "-");
        await kubectl.RunWithInputAsync(Deployment(foreground, "nginx", replicas: 1, mode: "f"), "apply", "-f", "-");

        var orphaned = await kubectl.RunAsync("delete", "deployment", orphan, "--cascade=orphan", "--wait=false");
        var fg = await kubectl.RunAsync("delete", "deployment", foreground, "--cascade=foreground", "--wait=false");
        var orphanState = await kubectl.RunAsync("get", "deployment", orphan, "-o", "jsonpath={.metadata.finalizers}");
        var fgState = await kubectl.RunAsync("get", "deployment", foreground, "-o", "jsonpath={.metadata.finalizers}");

        Assert.Equal($"deployment.apps \"{orphan}\" deleted\n", orphaned.Stdout);
        Assert.Equal($"deployment.apps \"{foreground}\" deleted\n", fg.Stdout);
        Assert.Equal("[\"orphan\"]", orphanState.Stdout);
        Assert.Equal("[\"foregroundDeletion\"]", fgState.Stdout);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Server_side_apply_conflicts_with_another_managers_change_until_forced(string version)
    {
        using var kubectl = new Kubectl(version, Server.Kubeconfig);
        var name = Name("ssa", version);

        var first = await kubectl.RunWithInputAsync(Deployment(name, "nginx", replicas: 1, mode: "a"), "apply", "--server-side", "-f", "-");
        var patch = await kubectl.RunAsync("patch", "deployment", name, "--type=merge", "-p", """{"spec":{"replicas":4}}""");
        var conflict = await kubectl.RunWithInputAsync(Deployment(name, "nginx", replicas: 2, mode: "a"), "apply", "--server-side", "-f", "-");
        var forced = await kubectl.RunWithInputAsync(Deployment(name, "nginx", replicas: 2, mode: "a"), "apply", "--server-side", "--force-conflicts", "-f", "-");
        var replicas = await kubectl.RunAsync("get", "deployment", name, "-o", "jsonpath={.spec.replicas}");

        Assert.Equal($"deployment.apps/{name} serverside-applied\n", first.Stdout);
        Assert.True(patch.ExitCode == 0, patch.ToString());
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl-patch\" using apps/v1 at ", conflict.Stderr, StringComparison.Ordinal);
        Assert.Contains(": .spec.replicas", conflict.Stderr, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal("2", replicas.Stdout);
    }

    private static string Name(string what, string version) => $"{what}-{version.Replace(".", "-", StringComparison.Ordinal)}";

    private static string Deployment(string name, string image, int replicas, string mode) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: main
                image: {image}
                env: [{"{"}name: MODE, value: {mode}{"}"}]
        """;
}

public sealed class KubectlOnSqliteTests(SqliteServerFixture fixture) : KubectlTests(fixture.Server), IClassFixture<SqliteServerFixture>;

public sealed class KubectlOnEtcdTests(EtcdServerFixture fixture) : KubectlTests(fixture.Server), IClassFixture<EtcdServerFixture>;
