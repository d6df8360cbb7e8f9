using System.Diagnostics;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.CustomResources;

/// <summary>
/// A CustomResourceDefinition through real kubectl 1.33 and 1.27: created and established, its kind usable at
/// once, custom resources applied, listed with the printer columns, watched, patched (merge, JSON, server-side apply),
/// defaulted, validated with field paths, pruned (Strict refuses), explained, scaled and given a status through
/// the status subresource (a status change on the main resource is ignored); then the CRD deleted with its objects
/// and its kind gone from discovery.
/// </summary>
public sealed class CustomResourceKubectlTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    public static TheoryData<string> Versions => KubectlTests.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_crd_serves_its_custom_resources_until_it_is_deleted(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var s = version.Replace(".", "", StringComparison.Ordinal);
        var group = CustomResourceManifests.Group(s);
        var resource = "crontabs." + group;

        Ok(await kubectl.RunWithInputAsync(CustomResourceManifests.Crd(s), "apply", "-f", "-"));
        var clock = Stopwatch.StartNew();
        Ok(await kubectl.RunAsync("get", resource));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"kubectl could list the kind only {clock.Elapsed} after the CRD was created");
        await kubectl.WaitForConditionAsync("Established", TimeSpan.FromSeconds(10), "crd/" + resource);

        Ok(await kubectl.RunWithInputAsync(CustomResourceManifests.CronTab(s, "a", "  cronSpec: '* * * * */5'\n  image: nginx\n  replicas: 2"), "apply", "-f", "-"));
        Ok(await kubectl.RunWithInputAsync(CustomResourceManifests.CronTab(s, "b", "  cronSpec: '0 * * * *'"), "apply", "-f", "-"));
        Assert.Equal("1", Ok(await kubectl.RunAsync("get", resource, "b", "-o", "jsonpath={.spec.replicas}")).Stdout);

        var table = Ok(await kubectl.RunAsync("get", "ct" + s, "-o", "wide"));
        var lines = Lines(table.Stdout);
        Assert.Equal("NAME SPEC REPLICAS IMAGE AGE", lines[0]);
        Assert.StartsWith("a * * * * */5 2 nginx ", lines[1], StringComparison.Ordinal);
        Assert.Contains(Lines(Ok(await kubectl.RunAsync("get", "all", "-n", "default")).Stdout), l => l.StartsWith($"crontab.{group}/a ", StringComparison.Ordinal));

        var invalid = await kubectl.RunWithInputAsync(CustomResourceManifests.CronTab(s, "c", "  replicas: 20\n  cronSpec: 5"), "apply", "-f", "-");
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10", invalid.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.cronSpec: Invalid value: \"integer\": spec.cronSpec in body must be of type string: \"integer\"", invalid.Stderr, StringComparison.Ordinal);

        var strict = await kubectl.RunWithInputAsync(CustomResourceManifests.CronTab(s, "d", "  cronSpec: x\n  foo: bar"), "apply", "-f", "-");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("unknown field \"spec.foo\"", strict.Stderr, StringComparison.Ordinal);
        var pruned = Ok(await kubectl.RunWithInputAsync(CustomResourceManifests.CronTab(s, "d", "  cronSpec: x\n  foo: bar"), "apply", "--validate=false", "-f", "-"));
        Assert.Contains("created", pruned.Stdout, StringComparison.Ordinal);
        Assert.Equal("{\"cronSpec\":\"x\",\"replicas\":1}", Ok(await kubectl.RunAsync("get", resource, "d", "-o", "jsonpath={.spec}")).Stdout);

        var explained = Ok(await kubectl.RunAsync("explain", $"{resource}.spec.cronSpec"));
        Assert.Contains("The cron schedule the job runs on.", explained.Stdout, StringComparison.Ordinal);

        Ok(await kubectl.RunAsync("patch", resource, "a", "--type=merge", "-p", "{\"spec\":{\"image\":\"merged\"}}"));
        Ok(await kubectl.RunAsync("patch", resource, "a", "--type=json", "-p", "[{\"op\":\"replace\",\"path\":\"/spec/cronSpec\",\"value\":\"1 * * * *\"}]"));
        var strategic = await kubectl.RunAsync("patch", resource, "a", "-p", "{\"spec\":{\"image\":\"x\"}}");
        Assert.Contains("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", strategic.Stderr, StringComparison.Ordinal);
        Ok(await kubectl.RunWithInputAsync(CustomResourceManifests.CronTab(s, "a", "  cronSpec: '2 * * * *'\n  image: applied\n  replicas: 2"), "apply", "--server-side", "--force-conflicts", "-f", "-"));
        Assert.Equal("2 * * * * applied 4", Ok(await kubectl.RunAsync("get", resource, "a", "-o", "jsonpath={.spec.cronSpec} {.spec.image} {.metadata.generation}")).Stdout);

        Ok(await kubectl.RunAsync("scale", resource, "a", "--replicas=5"));
        Ok(await kubectl.RunAsync("patch", resource, "a", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"replicas\":5,\"labelSelector\":\"app=a\"}}"));
        Ok(await kubectl.RunAsync("patch", resource, "a", "--type=merge", "-p", "{\"status\":{\"replicas\":9}}"));
        Assert.Equal("5 5 app=a 5", Ok(await kubectl.RunAsync("get", resource, "a", "-o", "jsonpath={.spec.replicas} {.status.replicas} {.status.labelSelector} {.metadata.generation}")).Stdout);
        var scale = System.Text.Json.Nodes.JsonNode.Parse(Ok(await kubectl.RunAsync("get", "--raw", $"/apis/{group}/v1/namespaces/default/crontabs/a/scale")).Stdout)!;
        Assert.Equal(("Scale", 5, 5, "app=a"), ((string?)scale["kind"], (int?)scale["spec"]!["replicas"], (int?)scale["status"]!["replicas"], (string?)scale["status"]!["selector"]));

        var watching = kubectl.RunAsync("get", resource, "a", "--watch", "--output-watch-events", "--request-timeout=4s", "-o", "jsonpath={.type} {.object.metadata.labels.watched}{\"\\n\"}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Ok(await kubectl.RunAsync("label", resource, "a", "watched=yes"));
        var watched = await watching;
        Assert.Contains("MODIFIED yes", watched.Stdout, StringComparison.Ordinal);

        Ok(await kubectl.RunAsync("delete", "crd", resource, "--timeout=30s"));
        var resources = Ok(await kubectl.RunAsync("api-resources", "--api-group=" + group));
        Assert.DoesNotContain("crontabs", resources.Stdout, StringComparison.Ordinal);
        var gone = await kubectl.RunAsync("get", "--raw", $"/apis/{group}/v1/namespaces/default/crontabs");
        Assert.NotEqual(0, gone.ExitCode);
    }

    private static KubectlResult Ok(KubectlResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))];
}
