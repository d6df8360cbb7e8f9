using System.Text.RegularExpressions;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Bundles;

/// <summary>
/// The bundle corpus (Bundles/&lt;name&gt;/N-*.yaml, shaped like popular installs) applied as their users apply
/// them, with real kubectl 1.33 and 1.27: each file in order (CustomResourceDefinitions first, waited for
/// Established), every object created; a second apply all unchanged; <c>kubectl diff</c> clean;
/// <c>kubectl get all -A</c> lists the bundle's workloads and Services; delete in reverse order removes all.
/// </summary>
public sealed partial class BundleTests(BundleFixture fixture) : IClassFixture<BundleFixture>
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Bundles");

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var bundle in new[] { "ingress-controller", "metrics-addon", "certificate-manager", "database-operator", "monitoring-stack" })
            {
                foreach (var version in new[] { "1.33", "1.27" })
                {
                    cases.Add(bundle, version);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bundle_applies_reapplies_unchanged_diffs_clean_lists_and_deletes(string bundle, string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var files = Directory.GetFiles(Path.Combine(Root, bundle), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);

        try
        {
            foreach (var file in files)
            {
                var applied = await kubectl.RunAsync("apply", "-f", file);
                Assert.True(applied.ExitCode == 0, $"{Path.GetFileName(file)}: {applied}");
                var created = Lines(applied.Stdout);
                Assert.Equal(ObjectCount(file), created.Count(l => l.EndsWith(" created", StringComparison.Ordinal) || ShippedWithTheCluster.Contains(l)));
                var definitions = Objects(file).Where(o => o.Kind == "CustomResourceDefinition").Select(o => "crd/" + o.Name).ToArray();
                if (definitions.Length > 0)
                {
                    await kubectl.WaitForConditionAsync("Established", TimeSpan.FromSeconds(30), definitions);
                }
            }

            foreach (var file in files)
            {
                var reapplied = await kubectl.RunAsync("apply", "-f", file);
                Assert.True(reapplied.ExitCode == 0, $"{Path.GetFileName(file)}: {reapplied}");
                Assert.All(Lines(reapplied.Stdout), l => Assert.True(l.EndsWith(" unchanged", StringComparison.Ordinal) || ConfiguredOnEveryApply.Contains((version, l)) || ConfiguredOnEveryApply.Contains(("*", l)), l));

                var diff = await kubectl.RunAsync("diff", "-f", file);
                Assert.True(diff.ExitCode == 0, $"{Path.GetFileName(file)}: kubectl diff is not clean: {diff}");
                Assert.Equal("", diff.Stdout);
            }

            var all = await kubectl.RunAsync("get", "all", "-A", "-o", "name");
            Assert.True(all.ExitCode == 0, all.ToString());
            var listed = Lines(all.Stdout).ToHashSet(StringComparer.Ordinal);
            var listedAs = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Deployment"] = "deployment.apps",
                ["DaemonSet"] = "daemonset.apps",
                ["StatefulSet"] = "statefulset.apps",
                ["Job"] = "job.batch",
                ["Service"] = "service",
            };
            foreach (var (kind, name) in files.SelectMany(Objects))
            {
                if (listedAs.TryGetValue(kind, out var resource))
                {
                    Assert.Contains($"{resource}/{name}", listed);
                }
            }

            foreach (var file in files.Reverse())
            {
                // The namespace goes first and its controller may remove what follows before kubectl gets to it.
                var deleted = await kubectl.RunAsync("delete", "-f", file, "--ignore-not-found", "--wait", "--timeout", "120s");
                Assert.True(deleted.ExitCode == 0, $"{Path.GetFileName(file)}: {deleted}\n{await LeftOverAsync(kubectl, file)}");
            }

            foreach (var file in files)
            {
                var left = await kubectl.RunAsync("get", "-f", file, "-o", "name", "--ignore-not-found");
                if (left.ExitCode == 0)
                {
                    Assert.Equal("", left.Stdout.Trim());
                }
                else
                {
                    // Custom resources whose CustomResourceDefinition is gone no longer map to a resource.
                    Assert.Contains("ensure CRDs are installed first", left.Stderr, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            // A failed case must not leave its cluster-scoped objects to the next kubectl version's case.
            // Best effort: a cleanup that fails must not hide the failure that brought us here.
            foreach (var file in files.Reverse())
            {
                try
                {
                    await kubectl.RunAsync("delete", "-f", file, "--ignore-not-found", "--wait", "--timeout", "120s");
                }
                catch (TimeoutException)
                {
                }
            }
        }
    }

    /// <summary>
    /// Objects kubectl itself re-sends on every client-side apply, against upstream's API server too, so a second
    /// apply says "configured" although nothing changes; <c>kubectl diff</c> stays clean for them, which the test checks.
    /// </summary>
    private static readonly HashSet<(string Version, string Line)> ConfiguredOnEveryApply =
    [
        // stringData is write-only (merged into data on write): the live object never has it, so the three-way patch always carries it.
        ("*", "secret/grafana-datasources configured"),

        // kubectl 1.27's compiled-in patch strategy for a PodDisruptionBudget's spec.selector is "replace": the selector is always sent.
        ("1.27", "poddisruptionbudget.policy/prometheus-k8s configured"),

        // Custom resources get a three-way JSON merge patch, which replaces a list whole: the schema's default
        // (superuser: false) in the live items makes the users list differ from the manifest's.
        ("*", "database.db.example.dev/orders configured"),
    ];

    /// <summary>What a delete that failed left behind, and the server's last words, for the failure message.</summary>
    private async Task<string> LeftOverAsync(Kubectl kubectl, string file)
    {
        var left = await kubectl.RunAsync("get", "-f", file, "-o", "yaml", "--ignore-not-found");
        var pods = await kubectl.RunAsync("get", "pods", "-A", "-o", "wide");
        var output = fixture.Server.Output;
        return $"left: {left}\npods: {pods}\nserver (tail): {output[Math.Max(0, output.Length - 6000)..]}";
    }

    /// <summary>
    /// Objects the cluster has before any bundle (as k3s ships metrics-server's APIService): the bundle's apply replaces
    /// them, so the first apply says "configured"; once a case deleted them, the next case's apply creates them.
    /// </summary>
    private static readonly HashSet<string> ShippedWithTheCluster =
    [
        // metrics.k8s.io is served by the API server itself (a local APIService) until metrics-server's own replaces it.
        "apiservice.apiregistration.k8s.io/v1beta1.metrics.k8s.io configured",

        // ... with metrics-server's aggregated reader role in the bootstrap policy.
        "clusterrole.rbac.authorization.k8s.io/system:aggregated-metrics-reader configured",
    ];

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static int ObjectCount(string file) => TopLevelKind().Matches(File.ReadAllText(file)).Count;

    /// <summary>The kind and name of each object of a manifest file.</summary>
    private static IEnumerable<(string Kind, string Name)> Objects(string file)
    {
        foreach (var document in File.ReadAllText(file).Split("\n---\n"))
        {
            var kind = TopLevelKind().Match(document);
            var name = MetadataName().Match(document);
            if (kind.Success && name.Success)
            {
                yield return (kind.Groups[1].Value, name.Groups[1].Value);
            }
        }
    }

    [GeneratedRegex(@"^kind: (\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TopLevelKind();

    [GeneratedRegex(@"^metadata:\s*\n(?:  .*\n)*?  name: ([\w.:-]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex MetadataName();
}
