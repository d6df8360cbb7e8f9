using k8s;
using System.Text;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Orchestrator.Client;
using Orchestrator.Kubelet.Volumes;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Volumes.Sources;

/// <summary>The Watch strategy against a real API server: reference counts, watch lifecycle, changes reaching volumes.</summary>
public sealed class WatchingVolumeSourcesTests
{
    private static readonly NamespacedName S1 = new("ns", "s1");
    private static readonly NamespacedName C1 = new("ns", "c1");

    [Fact]
    public async Task Pods_share_one_watch_per_object_and_the_last_unregister_stops_it()
    {
        await using var h = await SourcesHarness.StartAsync();
        await h.CreateSecretAsync("s1", "v1");
        await h.CreateConfigMapAsync("c1", "c");
        var envFromConfigMap = new V1Container { Name = "app", Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "c1", Key = "k" } } }] };
        var u1 = SourcesHarness.Pod("u1", [Specs.Secret("s", "s1")], envFromConfigMap);
        var u2 = SourcesHarness.Pod("u2", [Specs.Projected("p", null, new V1VolumeProjection { Secret = new V1SecretProjection { Name = "s1" } })]);

        await h.Sources.RegisterPodAsync(u1, CancellationToken.None);
        await h.Sources.RegisterPodAsync(u2, CancellationToken.None);
        await h.Sources.RegisterPodAsync(u2, CancellationToken.None); // every sync registers again: no second reference

        Assert.Equal([S1], h.Sources.Secrets.Watching);
        Assert.Equal([C1], h.Sources.ConfigMaps.Watching);
        Assert.Equal("v1", Encoding.UTF8.GetString(h.Sources.GetSecret("ns", "s1")!.Data["k"]));
        Assert.Equal("c", h.Sources.GetConfigMap("ns", "c1")!.Data["k"]);
        await Eventually.TrueAsync(() => Task.FromResult(h.Http.OpenWatches.Count == 2), "one watch per object", describe: () => Task.FromResult(string.Join("\n", h.Http.Requests)));

        h.Sources.UnregisterPod("u1");
        Assert.Equal([S1], h.Sources.Secrets.Watching); // u2 still projects it
        Assert.Empty(h.Sources.ConfigMaps.Watching);
        await Eventually.TrueAsync(() => h.Http.OpenWatches.Count == 1 && h.Http.OpenWatches[0].Contains("/secrets?", StringComparison.Ordinal), "only the secret's watch to stay open");

        h.Sources.UnregisterPod("u2");
        h.Sources.UnregisterPod("u2");
        Assert.Empty(h.Sources.Secrets.Referenced);
        await Eventually.TrueAsync(() => h.Http.OpenWatches.Count == 0, "every watch to be closed");
        Assert.Equal("object \"ns\"/\"s1\" not registered", Assert.Throws<VolumeSetupException>(() => h.Sources.GetSecret("ns", "s1")).Message);
    }

    [Fact]
    public async Task A_changed_secret_reaches_the_volume_and_a_created_configMap_unblocks_the_pod()
    {
        await using var h = await SourcesHarness.StartAsync();
        await h.CreateSecretAsync("s1", "v1");
        await h.CreateSecretAsync("unrelated", "x");
        using var dir = new TempDir();
        var volumes = new VolumeManager(dir.Join("pods"), h.Sources, Substitute.For<IEventRecorder>(), NullLogger<VolumeManager>.Instance);
        var pods = new Dictionary<string, V1Pod>
        {
            ["u1"] = SourcesHarness.Pod("u1", [Specs.Secret("s", "s1")]),
            ["u2"] = SourcesHarness.Pod("u2", [Specs.ConfigMap("c", "later")]),
        };
        using var serial = new SemaphoreSlim(1, 1); // the pod worker never syncs a pod twice at once
        h.OnChanged = uid => _ = Task.Run(async () =>
        {
            await serial.WaitAsync();
            try
            {
                await h.Sources.RegisterPodAsync(pods[uid], CancellationToken.None); // what the kubelet's pod sync does
                await volumes.SetUpAsync(pods[uid], CancellationToken.None);
            }
            catch (VolumeSetupException)
            {
                // retried on the next change, as the pod worker would
            }
            finally
            {
                serial.Release();
            }
        });

        try
        {
            await h.Sources.RegisterPodAsync(pods["u1"], CancellationToken.None);
            var s = (await volumes.SetUpAsync(pods["u1"], CancellationToken.None)).HostPaths["s"];
            await h.Sources.RegisterPodAsync(pods["u2"], CancellationToken.None);
            var missing = await Assert.ThrowsAsync<VolumeSetupException>(() => volumes.SetUpAsync(pods["u2"], CancellationToken.None));
            Assert.Equal("configmap \"later\" not found", missing.Message);
            Assert.Equal("v1", await File.ReadAllTextAsync(Path.Join(s, "k")));

            await h.UpdateSecretAsync("s1", "v2");
            await Eventually.TrueAsync(() => ReadOrNull(Path.Join(s, "k")) == "v2", "the secret's new value in the volume");

            await h.CreateConfigMapAsync("later", "here");
            var c = Path.Join(dir.Join("pods"), "u2", "volumes", "kubernetes.io~configmap", "c", "k");
            await Eventually.TrueAsync(() => ReadOrNull(c) == "here", "the created configMap in the volume");

            await h.UpdateSecretAsync("unrelated", "y");
            await h.UpdateSecretAsync("s1", "v3");
            await Eventually.TrueAsync(() => ReadOrNull(Path.Join(s, "k")) == "v3", "the secret's third value in the volume");
            Assert.Equal(["u1", "u2", "u1"], h.Changed);
        }
        finally
        {
            h.OnChanged = null;
            foreach (var uid in volumes.PodUidsOnDisk())
            {
                await volumes.TearDownAsync(uid, CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task An_immutable_secret_is_watched_until_read_then_served_from_the_cache()
    {
        await using var h = await SourcesHarness.StartAsync();
        await h.CreateSecretAsync("s1", "frozen", immutable: true);
        await h.Sources.RegisterPodAsync(SourcesHarness.Pod("u1", [Specs.Secret("s", "s1")]), CancellationToken.None);
        Assert.Equal([S1], h.Sources.Secrets.Watching);

        Assert.Equal("frozen", Encoding.UTF8.GetString(h.Sources.GetSecret("ns", "s1")!.Data["k"]));

        Assert.Empty(h.Sources.Secrets.Watching);
        Assert.Equal([S1], h.Sources.Secrets.Referenced);
        await Eventually.TrueAsync(() => h.Http.OpenWatches.Count == 0, "the immutable secret's watch to be closed");
        await h.Api.Client.CoreV1.DeleteNamespacedSecretAsync("s1", "ns");
        Assert.Equal("frozen", Encoding.UTF8.GetString(h.Sources.GetSecret("ns", "s1")!.Data["k"]));
    }

    [Fact]
    public async Task Registering_a_pod_again_with_other_references_stops_the_dropped_watches()
    {
        await using var h = await SourcesHarness.StartAsync();
        await h.CreateSecretAsync("s1", "a");
        await h.CreateSecretAsync("s2", "b");
        var pod = SourcesHarness.Pod("u1", [Specs.Secret("s", "s1")]);
        await h.Sources.RegisterPodAsync(pod, CancellationToken.None);

        pod.Spec.Volumes = [Specs.Secret("s", "s2")];
        await h.Sources.RegisterPodAsync(pod, CancellationToken.None);

        Assert.Equal([new NamespacedName("ns", "s2")], h.Sources.Secrets.Watching);
        Assert.Equal("b", Encoding.UTF8.GetString(h.Sources.GetSecret("ns", "s2")!.Data["k"]));
        await Eventually.TrueAsync(() => h.Http.OpenWatches is [var only] && only.Contains("metadata.name=s2", StringComparison.Ordinal), "only s2's watch to stay open");
    }

    [Fact]
    public async Task Missing_objects_read_as_not_found_and_cancellation_stops_every_watch()
    {
        await using var h = await SourcesHarness.StartAsync();
        using var stop = new CancellationTokenSource();
        var run = h.Sources.RunAsync(stop.Token);
        await h.Sources.RegisterPodAsync(SourcesHarness.Pod("u1", [Specs.Secret("s", "nope", optional: true), Specs.ConfigMap("c", "nope-too")]), CancellationToken.None);

        Assert.Null(h.Sources.GetSecret("ns", "nope"));
        Assert.Null(h.Sources.GetConfigMap("ns", "nope-too"));
        await Eventually.TrueAsync(() => h.Http.OpenWatches.Count == 2, "both watches to be open");

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(h.Sources.Secrets.Watching);
        await Eventually.TrueAsync(() => h.Http.OpenWatches.Count == 0, "every watch to be closed");
    }

    [Fact]
    public async Task Every_secret_and_configMap_request_is_a_namespaced_list_or_watch_by_name()
    {
        await using var h = await SourcesHarness.StartAsync();
        await h.CreateSecretAsync("s1", "a");
        await h.CreateConfigMapAsync("c1", "b");
        var everyKind = new V1Container
        {
            Name = "app",
            Env =
            [
                new V1EnvVar { Name = "S", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "env-secret", Key = "k" } } },
                new V1EnvVar { Name = "C", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "c1", Key = "k" } } },
            ],
            EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "s1" } }, new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "envfrom-cm" } }],
        };
        var pod = SourcesHarness.Pod("u1", [Specs.Secret("s", "s1"), Specs.ConfigMap("c", "c1"), Specs.Projected("p", null, new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "kube-root-ca.crt" } })], everyKind);

        await h.Sources.RegisterPodAsync(pod, CancellationToken.None);
        await Eventually.TrueAsync(() => h.Http.OpenWatches.Count == 5, "a watch per referenced object");
        await h.UpdateSecretAsync("s1", "a2");
        await Eventually.TrueAsync(() => h.Changed.Contains("u1"), "the change to reach the pod");
        h.Sources.UnregisterPod("u1");
        await Eventually.TrueAsync(() => h.Http.OpenWatches.Count == 0, "every watch to be closed");

        var requests = h.Http.Requests.Where(r => r.Contains("/secrets", StringComparison.Ordinal) || r.Contains("/configmaps", StringComparison.Ordinal)).ToList();
        string[] objects = ["secrets/s1", "secrets/env-secret", "configmaps/c1", "configmaps/envfrom-cm", "configmaps/kube-root-ca.crt"];
        Assert.All(requests, r => Assert.Matches(@"^GET /api/v1/namespaces/ns/(secrets|configmaps)\?(.*&)?fieldSelector=metadata\.name=[a-z0-9.-]+(&|$)", r));
        Assert.All(objects, o =>
        {
            var (resource, name) = (o.Split('/')[0], o.Split('/')[1]);
            var mine = requests.Where(r => r.Contains($"/{resource}?", StringComparison.Ordinal) && r.Contains($"fieldSelector=metadata.name={name}&", StringComparison.Ordinal)).ToList();
            Assert.Contains(mine, r => r.EndsWith("watch=false", StringComparison.Ordinal));
            Assert.Contains(mine, r => r.EndsWith("watch=true", StringComparison.Ordinal));
        });
        Assert.Equal(objects.Length * 2, requests.Count);
    }

    /// <summary>The file's text, or null while it is missing: an atomic writer swaps the volume's files under the reader.</summary>
    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
