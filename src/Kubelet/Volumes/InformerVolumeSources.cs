using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>An <see cref="IVolumeSources"/> over the shared configMap and secret informers' caches.</summary>
internal sealed class InformerVolumeSources(IInformer<V1ConfigMap> configMaps, IInformer<V1Secret> secrets) : IVolumeSources
{
    public InformerVolumeSources(InformerFactory informers)
        : this(informers.ConfigMaps(), informers.Secrets())
    {
    }

    /// <summary>Completes when both caches hold their first full list.</summary>
    public Task WaitForSyncAsync(CancellationToken ct) => Task.WhenAll(configMaps.WaitForSyncAsync(ct), secrets.WaitForSyncAsync(ct));

    public V1ConfigMap? GetConfigMap(string ns, string name) => configMaps.Cache.Get(new NamespacedName(ns, name));

    public V1Secret? GetSecret(string ns, string name) => secrets.Cache.Get(new NamespacedName(ns, name));

    public IReadOnlyList<V1Secret> ListSecrets(string ns) => secrets.Cache.ListNamespace(ns);
}
