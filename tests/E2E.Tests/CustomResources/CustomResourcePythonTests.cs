using System.Diagnostics;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.CustomResources;

/// <summary>Debian's python3-kubernetes CustomObjectsApi against custom resources: create, get, list, merge patch, delete.</summary>
public sealed class CustomResourcePythonTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private const string DebianPython = "/usr/bin/python3";

    [Fact]
    public async Task CustomObjectsApi_creates_gets_lists_patches_and_deletes()
    {
        Assert.True(File.Exists(DebianPython), "Debian's python3 (with python3-kubernetes, installed by scripts/setup.sh) is required");
        using var kubectl = new Kubectl("1.33", fixture.Server.Kubeconfig);
        var applied = await kubectl.RunWithInputAsync(CustomResourceManifests.Crd("py"), "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        await kubectl.WaitForConditionAsync("Established", TimeSpan.FromSeconds(10), "crd/crontabs." + CustomResourceManifests.Group("py"));

        var script = """
            import sys
            from kubernetes import client, config
            config.load_kube_config(config_file=sys.argv[1])
            api = client.CustomObjectsApi()
            g, v, p = sys.argv[2], "v1", "crontabs"
            body = {"apiVersion": g + "/v1", "kind": "CronTab", "metadata": {"name": "py", "labels": {"from": "python"}}, "spec": {"cronSpec": "* * * * *"}}
            created = api.create_namespaced_custom_object(g, v, "default", p, body)
            print("created", created["metadata"]["name"], created["spec"]["replicas"])
            got = api.get_namespaced_custom_object(g, v, "default", p, "py")
            print("got", got["spec"]["cronSpec"])
            listed = api.list_namespaced_custom_object(g, v, "default", p, label_selector="from=python")
            print("listed", [i["metadata"]["name"] for i in listed["items"]])
            patched = api.patch_namespaced_custom_object(g, v, "default", p, "py", {"spec": {"replicas": 3}})
            print("patched", patched["spec"]["replicas"], patched["metadata"]["generation"])
            api.delete_namespaced_custom_object(g, v, "default", p, "py")
            print("left", len(api.list_namespaced_custom_object(g, v, "default", p)["items"]))
            """;
        var start = new ProcessStartInfo(DebianPython) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(fixture.Server.Kubeconfig);
        start.ArgumentList.Add(CustomResourceManifests.Group("py"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal("created py 1\ngot * * * * *\nlisted ['py']\npatched 3 2\nleft 0\n", await stdout);
    }
}
