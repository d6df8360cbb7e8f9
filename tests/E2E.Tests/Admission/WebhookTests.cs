using System.Diagnostics;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Admission;

/// <summary>
/// Admission webhooks through `up` and real kubectl (issue 14 §3): a webhook called by URL denies with its
/// message as kubectl shows it, one called through a Service reference mutates with a JSONPatch, warnings reach
/// kubectl, a namespace selector leaves other namespaces alone, a timed-out webhook is skipped quickly under
/// Ignore and refuses with upstream's text under Fail, and a server-side dry run reaches a NoneOnDryRun webhook
/// marked as a dry run.
/// </summary>
public sealed class WebhookTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    public static TheoryData<string> Versions => KubectlTests.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_denying_webhook_refuses_with_its_message(string version)
    {
        using var kubectl = fixture.Kubectl(version);
        var name = "denied-" + version.Replace(".", "", StringComparison.Ordinal);
        var refused = await kubectl.RunWithInputAsync(ConfigMap(name, "wh-on", "deny: \"true\""), "apply", "-f", "-");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains($"admission webhook \"deny.e2e.example.com\" denied the request: label deny=true is not allowed", refused.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, (await kubectl.RunAsync("get", "configmap", name, "-n", "wh-on")).ExitCode);
    }

    [Fact]
    public async Task A_webhook_behind_a_service_adds_a_label_with_a_json_patch()
    {
        using var kubectl = fixture.Kubectl();
        var applied = await kubectl.RunWithInputAsync(ConfigMap("mutated", "wh-on", "app: web"), "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var labels = await kubectl.RunAsync("get", "configmap", "mutated", "-n", "wh-on", "-o", "jsonpath={.metadata.labels}");
        Assert.Equal("""{"app":"web","mutated":"yes"}""", labels.Stdout);
        var review = fixture.Webhook.Reviews["mutated"]["request"]!;
        Assert.Equal(("CREATE", "wh-on", "ConfigMap"), (review["operation"]!.GetValue<string>(), review["namespace"]!.GetValue<string>(), review["kind"]!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Warnings_of_a_webhook_are_shown_by_kubectl()
    {
        using var kubectl = fixture.Kubectl();
        var applied = await kubectl.RunWithInputAsync(ConfigMap("warned", "wh-on", "warn: \"true\""), "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains("Warning: checked by the e2e webhook", applied.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_namespace_outside_the_selector_is_neither_denied_nor_mutated()
    {
        using var kubectl = fixture.Kubectl();
        var applied = await kubectl.RunWithInputAsync(ConfigMap("elsewhere", "wh-off", "deny: \"true\""), "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var labels = await kubectl.RunAsync("get", "configmap", "elsewhere", "-n", "wh-off", "-o", "jsonpath={.metadata.labels}");
        Assert.Equal("""{"deny":"true"}""", labels.Stdout);
    }

    [Fact]
    public async Task A_timed_out_webhook_with_failurePolicy_Ignore_lets_the_request_through_after_its_timeout()
    {
        using var kubectl = fixture.Kubectl();
        var clock = Stopwatch.StartNew();
        var applied = await kubectl.RunWithInputAsync(ConfigMap("slow-ignored", "wh-off", "slow: ignore"), "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        // Past the 1 second timeout, far from the 20 seconds the webhook would take (kubectl itself is slow on a busy machine).
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_timed_out_webhook_with_failurePolicy_Fail_refuses_with_upstreams_text()
    {
        using var kubectl = fixture.Kubectl();
        var refused = await kubectl.RunWithInputAsync(ConfigMap("slow-failed", "wh-off", "slow: fail"), "apply", "-f", "-");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(
            $"Internal error occurred: failed calling webhook \"slow-fail.e2e.example.com\": failed to call webhook: Post \"https://localhost:{fixture.Webhook.Port}/slow?timeout=1s\": context deadline exceeded",
            refused.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_side_dry_run_reaches_a_NoneOnDryRun_webhook_as_a_dry_run_and_stores_nothing()
    {
        using var kubectl = fixture.Kubectl();
        var dryRun = await kubectl.RunWithInputAsync(ConfigMap("dry", "wh-on", "app: web"), "apply", "--dry-run=server", "-f", "-", "-o", "jsonpath={.metadata.labels.mutated}");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Equal("yes", dryRun.Stdout);
        Assert.True(fixture.Webhook.Reviews["dry"]["request"]!["dryRun"]!.GetValue<bool>());
        Assert.NotEqual(0, (await kubectl.RunAsync("get", "configmap", "dry", "-n", "wh-on")).ExitCode);
    }

    private static string ConfigMap(string name, string ns, string label) => $$$"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{{name}}}
          namespace: {{{ns}}}
          labels: {{{{label}}}}
        data: {a: "1"}
        """;
}
