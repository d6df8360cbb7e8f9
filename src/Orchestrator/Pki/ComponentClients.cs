namespace Orchestrator.Host.Pki;

/// <summary>
/// The clients of the components <c>up</c> runs in its own process: each with its own kubeconfig (written by
/// <see cref="ClusterPki.WriteClientConfiguration"/>, which returns what the file says without reading it back), so
/// each reaches the API server with its own identity exactly as it would from another machine. One client per
/// identity: asking again for an identity returns the client already built (its connections are reused; no second
/// TLS handshake).
/// Disposing disposes them all.
/// </summary>
internal sealed class ComponentClients(ClusterPki pki, Uri server) : IDisposable
{
    private readonly Dictionary<string, IKubernetes> _clients = new(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="identity"/>'s kubeconfig and returns a client built from it (the same one on every call).</summary>
    public IKubernetes For(ComponentIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        lock (_clients)
        {
            if (!_clients.TryGetValue(identity.Name, out var client))
            {
                client = KubernetesClients.Create(pki.WriteClientConfiguration(server, identity));
                _clients.Add(identity.Name, client);
            }

            return client;
        }
    }

    public void Dispose()
    {
        lock (_clients)
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }
}
