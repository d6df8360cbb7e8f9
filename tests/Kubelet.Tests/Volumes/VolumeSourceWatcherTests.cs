using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Orchestrator.Client;
using Orchestrator.Kubelet.Volumes;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Volumes;

/// <summary>A real API server and informers: a configMap or secret change reaches the files of the pods that project it.</summary>
public sealed class VolumeSourceWatcherTests
{
    [Fact]
    public async Task ConfigMap_and_secret_changes_resync_exactly_the_pods_that_project_them_and_files_follow()
    {
        await using var api = await InProcessApiServer.StartAsync();
        var client = api.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ns" } });
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = new Dictionary<string, string> { ["k"] = "v1" } }, "ns");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "unrelated" } }, "ns");
        await using var informers = new InformerFactory(client, NullLoggerFactory.Instance);
        var sources = new InformerVolumeSources(informers);
        await informers.StartAsync(CancellationToken.None);
        await sources.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        using var dir = new TempDir();
        var manager = new VolumeManager(dir.Join("pods"), sources, Substitute.For<IEventRecorder>(), NullLogger<VolumeManager>.Instance);
        var pods = new Dictionary<string, V1Pod>
        {
            ["u1"] = VolumeManagerFixture.Pod("u1", Specs.ConfigMap("c", "cfg")),
            ["u2"] = VolumeManagerFixture.Pod("u2", Specs.Secret("s", "later")),
            ["u3"] = VolumeManagerFixture.Pod("u3", Specs.EmptyDir("e")),
        };
        var resyncs = new ConcurrentQueue<VolumePodRef>();
        var resynced = new ConcurrentDictionary<string, int>();
        new VolumeSourceWatcher(informers.ConfigMaps(), informers.Secrets(), manager.References, pod =>
        {
            resyncs.Enqueue(pod);
            _ = Task.Run(async () =>
            {
                try
                {
                    await manager.SetUpAsync(pods[pod.Uid], CancellationToken.None); // what the kubelet's pod sync does
                }
                catch (VolumeSetupException)
                {
                }

                resynced.AddOrUpdate(pod.Uid, 1, (_, n) => n + 1);
            });
        }).Start();

        try
        {
            var c = (await manager.SetUpAsync(pods["u1"], CancellationToken.None)).HostPaths["c"];
            await Assert.ThrowsAsync<VolumeSetupException>(() => manager.SetUpAsync(pods["u2"], CancellationToken.None)); // secret "later" not there yet
            await manager.SetUpAsync(pods["u3"], CancellationToken.None);
            Assert.Equal("v1", await File.ReadAllTextAsync(Path.Join(c, "k")));

            var cfg = await client.CoreV1.ReadNamespacedConfigMapAsync("cfg", "ns");
            cfg.Data["k"] = "v2";
            await client.CoreV1.ReplaceNamespacedConfigMapAsync(cfg, "cfg", "ns");
            await Until(() => File.ReadAllText(Path.Join(c, "k")) == "v2");

            await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "later" }, StringData = new Dictionary<string, string> { ["p"] = "pw" } }, "ns");
            var s = Path.Join(dir.Join("pods"), "u2", "volumes", "kubernetes.io~secret", "s");
            await Until(() => File.Exists(Path.Join(s, "p")) && File.ReadAllText(Path.Join(s, "p")) == "pw");

            var unrelated = await client.CoreV1.ReadNamespacedConfigMapAsync("unrelated", "ns");
            unrelated.Data = new Dictionary<string, string> { ["x"] = "y" };
            await client.CoreV1.ReplaceNamespacedConfigMapAsync(unrelated, "unrelated", "ns");
            await Until(() => informers.ConfigMaps().Cache.Get(new NamespacedName("ns", "unrelated"))?.Data?.ContainsKey("x") == true);

            Assert.Equal(["u1", "u2"], resyncs.Select(p => p.Uid));
            Assert.All(resyncs, p => Assert.Equal("ns", p.Pod.Namespace));
        }
        finally
        {
            foreach (var uid in manager.PodUidsOnDisk())
            {
                await manager.TearDownAsync(uid, CancellationToken.None);
            }
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
