using Orchestrator.Client.Errors;
using Orchestrator.Host.Explain;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator explain pod NAME [-n NAMESPACE]`: reads the pod and what it depends on, then prints
/// <see cref="PodExplainer"/>'s findings. Exit 0 once explained, 1 when the pod does not exist or the API server cannot be reached.
/// </summary>
internal static class ExplainCommand
{
    private const int LogLines = 10;

    /// <summary>`explain KIND NAME`: <paramref name="ns"/> and <paramref name="kubeconfig"/> as given (-n, --kubeconfig) or null.</summary>
    public static async Task<int> RunAsync(string kind, string name, string? ns, string? kubeconfig, TextWriter output, TextWriter error)
    {
        if (kind is not ("pod" or "pods" or "po"))
        {
            throw new UsageException($"explain knows pods only, not \"{kind}\"");
        }

        ns ??= "default";
        using var client = AdminKubeconfig.Client(kubeconfig);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var facts = await ReadAsync(client, ns, name, timeout.Token);
            await output.WriteAsync(PodExplainer.Format(facts));
            return 0;
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            await error.WriteLineAsync($"error: pod \"{name}\" not found in namespace \"{ns}\" (kubectl get pods -n {ns})");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            await error.WriteLineAsync($"error: the API server at {client.BaseUri.GetLeftPart(UriPartial.Authority)} is unreachable: {e.Message}");
            return 1;
        }
    }

    private static async Task<PodFacts> ReadAsync(Kubernetes client, string ns, string name, CancellationToken ct)
    {
        var pod = await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: ct);
        var events = await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: $"involvedObject.kind=Pod,involvedObject.name={name}", cancellationToken: ct);
        var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: ct);
        var bound = await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName!=", cancellationToken: ct);
        var claims = await client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns, cancellationToken: ct);
        var configMaps = await client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: ct);
        var secrets = await client.CoreV1.ListNamespacedSecretAsync(ns, cancellationToken: ct);
        var uid = pod.Metadata.Uid;
        return new PodFacts(
            pod,
            events.Items.Where(e => uid is null || e.InvolvedObject?.Uid is null || e.InvolvedObject.Uid == uid).ToList(),
            nodes.Items.ToList(),
            bound.Items.ToList(),
            claims.Items.ToList(),
            configMaps.Items.Select(c => c.Metadata.Name).ToHashSet(StringComparer.Ordinal),
            secrets.Items.Select(s => s.Metadata.Name).ToHashSet(StringComparer.Ordinal),
            await CrashLogsAsync(client, pod, ct),
            DateTimeOffset.UtcNow);
    }

    /// <summary>The last lines of each restarted container's previous run (its current one when there is none); a node that cannot serve logs gives none.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> CrashLogsAsync(Kubernetes client, V1Pod pod, CancellationToken ct)
    {
        var logs = new Dictionary<string, string>(StringComparer.Ordinal);
        var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []);
        foreach (var status in statuses.Where(s => s.RestartCount > 0 || s.State?.Terminated is { ExitCode: not 0 }))
        {
            try
            {
                using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, container: status.Name,
                    previous: status.RestartCount > 0 && status.State?.Terminated is null, tailLines: LogLines, cancellationToken: ct);
                using var reader = new StreamReader(stream);
                logs[status.Name] = await reader.ReadToEndAsync(ct);
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                // No logs (a hollow node keeps none, the node is gone, the runtime pruned them): the rest still explains.
            }
        }

        return logs;
    }
}
