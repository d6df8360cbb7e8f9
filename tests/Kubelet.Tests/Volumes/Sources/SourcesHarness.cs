using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client.Connection;
using Orchestrator.Kubelet.Volumes.Sources;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Volumes.Sources;

/// <summary>
/// A real API server with namespace "ns", and <see cref="WatchingVolumeSources"/> on a client whose
/// every request is recorded; changes are collected by pod uid (and handed to <see cref="OnChanged"/>).
/// </summary>
internal sealed class SourcesHarness : IAsyncDisposable
{
    private SourcesHarness(InProcessApiServer api, RecordingHttpHandler http, IKubernetes client)
    {
        (Api, Http, Client) = (api, http, client);
        Sources = new WatchingVolumeSources(client, uid =>
        {
            Changed.Enqueue(uid);
            OnChanged?.Invoke(uid);
        }, NullLoggerFactory.Instance, syncTimeout: TimeSpan.FromSeconds(30)); // a first list may take over upstream's 1 s on a loaded machine
    }

    public InProcessApiServer Api { get; }

    public RecordingHttpHandler Http { get; }

    /// <summary>The kubelet's (recorded) client.</summary>
    public IKubernetes Client { get; }

    public WatchingVolumeSources Sources { get; }

    public ConcurrentQueue<string> Changed { get; } = new();

    public Action<string>? OnChanged { get; set; }

    public static async Task<SourcesHarness> StartAsync()
    {
        var api = await InProcessApiServer.StartAsync();
        await api.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ns" } });
        var http = new RecordingHttpHandler();
        var client = KubernetesClients.Create(new KubernetesClientConfiguration { Host = api.Address.ToString(), AccessToken = "test" }, http);
        return new SourcesHarness(api, http, client);
    }

    public static V1Pod Pod(string uid, V1Volume[]? volumes = null, V1Container? container = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "pod-" + uid, NamespaceProperty = "ns", Uid = uid },
        Spec = new V1PodSpec { Volumes = volumes ?? [], Containers = [container ?? new V1Container { Name = "app" }] },
    };

    public Task<V1Secret> CreateSecretAsync(string name, string value, bool? immutable = null) =>
        Api.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { ["k"] = value }, Immutable = immutable }, "ns");

    public Task<V1ConfigMap> CreateConfigMapAsync(string name, string value) =>
        Api.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["k"] = value } }, "ns");

    public async Task UpdateSecretAsync(string name, string value)
    {
        var secret = await Api.Client.CoreV1.ReadNamespacedSecretAsync(name, "ns");
        secret.Data = null;
        secret.StringData = new Dictionary<string, string> { ["k"] = value };
        await Api.Client.CoreV1.ReplaceNamespacedSecretAsync(secret, name, "ns");
    }

    public async ValueTask DisposeAsync()
    {
        await Sources.DisposeAsync();
        Client.Dispose();
        await Api.DisposeAsync();
    }
}
