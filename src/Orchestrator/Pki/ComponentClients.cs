using k8s;
using Orchestrator.Client.Connection;

namespace Orchestrator.Host.Pki;

/// <summary>
/// The clients of the components <c>up</c> runs in its own process: each built from its own kubeconfig
/// (written by <see cref="ClusterPki.WriteKubeconfig"/>), so each reaches the API server with its own identity
/// exactly as it would from another machine. Disposing disposes them all.
/// </summary>
internal sealed class ComponentClients(ClusterPki pki, Uri server) : IDisposable
{
    private readonly List<IKubernetes> _clients = [];

    /// <summary>Writes <paramref name="identity"/>'s kubeconfig and returns a new client built from it.</summary>
    public IKubernetes For(ComponentIdentity identity)
    {
        var path = pki.WriteKubeconfig(server, identity);
        var client = KubernetesClients.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    public void Dispose()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }
}
