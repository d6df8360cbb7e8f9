using System.Diagnostics;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// One HorizontalPodAutoscaler served as autoscaling/v2 (stored) and autoscaling/v1 (converted) through real
/// kubectl 1.33 and 1.27 and Debian's python client: kubectl autoscale, the table, the v1 form with its CPU
/// field, a v2-only metric kept through a v1 read-modify-write, v1 apply re-applied unchanged, discovery, explain.
/// </summary>
public sealed class AutoscalingVersionsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private const string DebianPython = "/usr/bin/python3";

    /// <summary>
    /// The full resource name: kubectl 1.33 expands a short name to group and resource only (its shortcut expander drops the
    /// version), so <c>hpa.v1.autoscaling</c> reads the preferred version there, against kube-apiserver too.
    /// </summary>
    private const string V1 = "horizontalpodautoscalers.v1.autoscaling";

    private const string V2 = "horizontalpodautoscalers.v2.autoscaling";

    public static TheoryData<string> Versions => KubectlTests.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Kubectl_autoscale_creates_an_autoscaler_readable_in_both_versions(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var ns = "hpa-autoscale-" + version.Replace(".", "", StringComparison.Ordinal);
        Ok(await kubectl.RunAsync("create", "namespace", ns));
        Ok(await kubectl.RunAsync("create", "deployment", "x", "--image=nginx", "-n", ns));

        Ok(await kubectl.RunAsync("autoscale", "deployment", "x", "--min=1", "--max=3", "--cpu-percent=50", "-n", ns));
        var table = Ok(await kubectl.RunAsync("get", "hpa", "-n", ns));
        var v1 = Ok(await kubectl.RunAsync("get", V1, "x", "-n", ns, "-o", "yaml"));
        var v2 = Ok(await kubectl.RunAsync("get", V2, "x", "-n", ns, "-o", "jsonpath={.apiVersion} {.spec.metrics[0].resource.name} {.spec.metrics[0].resource.target.averageUtilization}"));

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Collapse).ToList();
        Assert.Equal("NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE", lines[0]);
        Assert.StartsWith("x Deployment/x cpu: <unknown>/50% 1 3 0 ", lines[1], StringComparison.Ordinal);
        Assert.Contains("apiVersion: autoscaling/v1", v1, StringComparison.Ordinal);
        Assert.Contains("targetCPUUtilizationPercentage: 50", v1, StringComparison.Ordinal);
        Assert.DoesNotContain("metrics:", v1, StringComparison.Ordinal);
        Assert.Equal("autoscaling/v2 cpu 50", v2);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_v2_memory_metric_survives_a_v1_read_modify_write(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var ns = "hpa-roundtrip-" + version.Replace(".", "", StringComparison.Ordinal);
        Ok(await kubectl.RunAsync("create", "namespace", ns));
        Ok(await kubectl.RunWithInputAsync(V2Manifest(ns), "apply", "-f", "-"));

        var v1 = Ok(await kubectl.RunAsync("get", V1, "mem", "-n", ns, "-o", "json"));
        var replaced = await kubectl.RunWithInputAsync(v1.Replace("\"maxReplicas\": 5", "\"maxReplicas\": 6", StringComparison.Ordinal), "replace", "-f", "-");
        var v2 = Ok(await kubectl.RunAsync("get", V2, "mem", "-n", ns, "-o",
            "jsonpath={.spec.maxReplicas} {.spec.metrics[*].resource.name}"));

        Assert.Contains("autoscaling.alpha.kubernetes.io/metrics", v1, StringComparison.Ordinal);
        Assert.Contains("500Mi", v1, StringComparison.Ordinal);
        Assert.True(replaced.ExitCode == 0, replaced.ToString());

        // Upstream's v1 conversion puts the annotation's metrics first, then the CPU target.
        Assert.Equal("6 memory cpu", v2);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_v1_manifest_applies_reapplies_unchanged_and_explains_in_v1(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var ns = "hpa-apply-" + version.Replace(".", "", StringComparison.Ordinal);
        Ok(await kubectl.RunAsync("create", "namespace", ns));

        var created = Ok(await kubectl.RunWithInputAsync(V1Manifest(ns), "apply", "-f", "-"));
        var again = Ok(await kubectl.RunWithInputAsync(V1Manifest(ns), "apply", "-f", "-"));
        var changed = Ok(await kubectl.RunWithInputAsync(V1Manifest(ns).Replace("targetCPUUtilizationPercentage: 60", "targetCPUUtilizationPercentage: 65", StringComparison.Ordinal), "apply", "-f", "-"));
        var target = Ok(await kubectl.RunAsync("get", V2, "v1app", "-n", ns, "-o", "jsonpath={.spec.metrics[0].resource.target.averageUtilization}"));
        var apis = Ok(await kubectl.RunAsync("api-versions"));
        var explain = Ok(await kubectl.RunAsync("explain", "hpa.spec", "--api-version=autoscaling/v1"));

        Assert.Contains("horizontalpodautoscaler.autoscaling/v1app created", created, StringComparison.Ordinal);
        Assert.Contains("horizontalpodautoscaler.autoscaling/v1app unchanged", again, StringComparison.Ordinal);
        Assert.Contains("horizontalpodautoscaler.autoscaling/v1app configured", changed, StringComparison.Ordinal);
        Assert.Equal("65", target);
        Assert.Contains("autoscaling/v1\n", apis, StringComparison.Ordinal);
        Assert.Contains("autoscaling/v2\n", apis, StringComparison.Ordinal);
        Assert.Contains("targetCPUUtilizationPercentage", explain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debians_python_client_creates_and_reads_through_AutoscalingV1Api()
    {
        Assert.True(File.Exists(DebianPython), "Debian's python3 (with python3-kubernetes, installed by scripts/setup.sh) is required");
        var script = """
            import sys
            from kubernetes import client, config
            config.load_kube_config(config_file=sys.argv[1])
            api = client.AutoscalingV1Api()
            body = client.V1HorizontalPodAutoscaler(
                metadata=client.V1ObjectMeta(name="py-hpa"),
                spec=client.V1HorizontalPodAutoscalerSpec(
                    scale_target_ref=client.V1CrossVersionObjectReference(api_version="apps/v1", kind="Deployment", name="web"),
                    min_replicas=1, max_replicas=4, target_cpu_utilization_percentage=70))
            created = api.create_namespaced_horizontal_pod_autoscaler("default", body)
            print("created", created.api_version, created.spec.target_cpu_utilization_percentage)
            read = api.read_namespaced_horizontal_pod_autoscaler("py-hpa", "default")
            print("read", read.kind, read.spec.max_replicas, read.spec.scale_target_ref.name)
            listed = api.list_namespaced_horizontal_pod_autoscaler("default")
            print("listed", [h.metadata.name for h in listed.items if h.metadata.name == "py-hpa"])
            api.delete_namespaced_horizontal_pod_autoscaler("py-hpa", "default")
            """;
        var start = new ProcessStartInfo(DebianPython) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(fixture.Server.Kubeconfig);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal("created autoscaling/v1 70\nread HorizontalPodAutoscaler 4 web\nlisted ['py-hpa']\n", await stdout);
    }

    private static string Ok(KubectlResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    private static string Collapse(string line) => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string V2Manifest(string ns) => $$"""
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: mem, namespace: {{ns}}}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 2
          maxReplicas: 5
          metrics:
          - type: Resource
            resource:
              name: cpu
              target: {type: Utilization, averageUtilization: 50}
          - type: Resource
            resource:
              name: memory
              target: {type: AverageValue, averageValue: 500Mi}
        """;

    private static string V1Manifest(string ns) => $$"""
        apiVersion: autoscaling/v1
        kind: HorizontalPodAutoscaler
        metadata: {name: v1app, namespace: {{ns}}}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 1
          maxReplicas: 4
          targetCPUUtilizationPercentage: 60
        """;
}
