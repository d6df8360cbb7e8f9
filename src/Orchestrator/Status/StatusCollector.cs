using System.Reflection;

namespace Orchestrator.Host.Status;

/// <summary>Reads what <see cref="ClusterStatus"/> holds from the API server, with the kubeconfig's credentials.</summary>
internal static class StatusCollector
{
    /// <summary>This binary's version, as `status` reports the client's.</summary>
    public static string ClientVersion =>
        typeof(StatusCollector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <exception cref="HttpRequestException">The API server cannot be reached.</exception>
    public static async Task<ClusterStatus> CollectAsync(Kubernetes client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var version = await client.Version.GetCodeAsync(ct);
        using var readyz = await client.HttpClient.GetAsync(new Uri(client.BaseUri, "/readyz"), ct);
        var readyBody = await readyz.Content.ReadAsStringAsync(ct);
        var components = new List<V1Lease>();
        foreach (var (lease, _) in StatusReport.Components)
        {
            var found = await client.CoordinationV1.ListNamespacedLeaseAsync("kube-system", fieldSelector: "metadata.name=" + lease, cancellationToken: ct);
            components.AddRange(found.Items);
        }

        var nodeLeases = await client.CoordinationV1.ListNamespacedLeaseAsync("kube-node-lease", cancellationToken: ct);
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: ct);
        var pods = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct);
        return new ClusterStatus(client.BaseUri, version.GitVersion, ClientVersion, new HealthAnswer((int)readyz.StatusCode, readyBody),
            components, nodeLeases.Items.ToList(), nodes.Items.ToList(), pods.Items.ToList(), DateTimeOffset.UtcNow);
    }
}
