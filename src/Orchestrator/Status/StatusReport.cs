using Orchestrator.ApiMachinery.Pods;
using Orchestrator.ApiMachinery.Text;
using Orchestrator.Host.Commands;

namespace Orchestrator.Host.Status;

/// <summary>`orchestrator status`'s text, pure: server and versions, component health, nodes, pods by phase.</summary>
internal static class StatusReport
{
    /// <summary>The leader Leases whose holders are the control plane's components, as upstream names them.</summary>
    public static readonly IReadOnlyList<(string Lease, string Component)> Components =
        [("kube-scheduler", "scheduler"), ("kube-controller-manager", "controller manager")];

    /// <summary>What is unhealthy, in words; empty when everything is.</summary>
    public static IReadOnlyList<string> Problems(ClusterStatus status)
    {
        var problems = new List<string>();
        if (!status.Readyz.Ok)
        {
            problems.Add($"the API server is not ready (/readyz {status.Readyz.StatusCode.ToString(CultureInfo.InvariantCulture)})");
        }

        foreach (var (leaseName, component) in Components)
        {
            var lease = status.ComponentLeases.FirstOrDefault(l => l.Metadata.Name == leaseName);
            if (LeaseHealth(lease, status.Now) is { } problem)
            {
                problems.Add($"{component}: {problem}");
            }
        }

        foreach (var node in status.Nodes.Where(n => !IsReady(n)))
        {
            problems.Add($"node {node.Metadata.Name} is not Ready");
        }

        return problems;
    }

    public static string Format(ClusterStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Server:   {status.Server.GetLeftPart(UriPartial.Authority)} (version {status.ServerVersion}; client {status.ClientVersion})");
        text.AppendLine(CultureInfo.InvariantCulture, $"API:      {(status.Readyz.Ok ? "ready" : $"NOT READY (/readyz {status.Readyz.StatusCode}: {FirstLine(status.Readyz.Body)})")}");
        foreach (var (leaseName, component) in Components)
        {
            var lease = status.ComponentLeases.FirstOrDefault(l => l.Metadata.Name == leaseName);
            var health = LeaseHealth(lease, status.Now);
            var holder = lease?.Spec?.HolderIdentity is { Length: > 0 } h ? $"leader {h}, renewed {Age(lease.Spec.RenewTime, status.Now)} ago" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"{Pad(component + ":", 10)}{(health is null ? "healthy" : "UNHEALTHY: " + health)}{(holder.Length > 0 && health is null ? " (" + holder + ")" : "")}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Nodes ({status.Nodes.Count.ToString(CultureInfo.InvariantCulture)}):");
        if (status.Nodes.Count == 0)
        {
            text.AppendLine("  none registered: pods cannot run");
        }
        else
        {
            var rows = new List<string[]> { new[] { "NAME", "READY", "ROLES", "OS/ARCH", "VERSION", "PODS", "LEASE RENEWED" } };
            foreach (var node in status.Nodes.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal))
            {
                var lease = status.NodeLeases.FirstOrDefault(l => l.Metadata.Name == node.Metadata.Name);
                var pods = status.Pods.Count(p => p.Spec?.NodeName == node.Metadata.Name && !PodState.IsTerminal(p));
                rows.Add([
                    node.Metadata.Name,
                    IsReady(node) ? "Ready" : "NotReady",
                    Roles(node),
                    $"{node.Status?.NodeInfo?.OperatingSystem ?? "?"}/{node.Status?.NodeInfo?.Architecture ?? "?"}",
                    node.Status?.NodeInfo?.KubeletVersion ?? "?",
                    $"{pods.ToString(CultureInfo.InvariantCulture)}/{Capacity(node)}",
                    lease?.Spec?.RenewTime is { } renewed ? Age(renewed, status.Now) + " ago" : "no lease",
                ]);
            }

            text.Append(TextTable.Format(rows, "  "));
        }

        text.AppendLine();
        var phases = status.Pods.GroupBy(Phase).OrderBy(g => PhaseOrder(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count().ToString(CultureInfo.InvariantCulture)} {g.Key}");
        var namespaces = status.Pods.Select(p => p.Metadata.NamespaceProperty).Distinct(StringComparer.Ordinal).Count();
        text.AppendLine(CultureInfo.InvariantCulture, $"Pods:     {status.Pods.Count} in {namespaces} namespace(s){(status.Pods.Count > 0 ? ": " + string.Join(", ", phases) : "")}");
        var notReady = status.Pods.Where(p => p.Status?.Phase is "Running" or "Pending" && !PodState.IsReady(p)).Select(p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}").Order(StringComparer.Ordinal).ToList();
        if (notReady.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"          not ready: {string.Join(", ", notReady.Take(5))}{(notReady.Count > 5 ? $" and {notReady.Count - 5} more" : "")} (./orchestrator explain pod NAME -n NAMESPACE)");
        }

        var problems = Problems(status);
        text.AppendLine();
        text.AppendLine(problems.Count == 0 ? "Healthy." : "Unhealthy: " + string.Join("; ", problems) + ".");
        return text.ToString();
    }

    /// <summary>Why a leader Lease says its component is down, or null when it is held and renewed within its duration.</summary>
    public static string? LeaseHealth(V1Lease? lease, DateTimeOffset now)
    {
        if (lease is null)
        {
            return "no leader Lease in kube-system (not running?)";
        }

        if (lease.Spec?.HolderIdentity is not { Length: > 0 } holder || lease.Spec.RenewTime is not { } renewed)
        {
            return "its leader Lease is not held";
        }

        var expires = new DateTimeOffset(DateTime.SpecifyKind(renewed, DateTimeKind.Utc)).AddSeconds(lease.Spec.LeaseDurationSeconds ?? 15);
        return expires >= now ? null : $"leader {holder} stopped renewing {Age(renewed, now)} ago";
    }

    private static bool IsReady(V1Node node) => node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>Roles as kubectl shows them: the node-role.kubernetes.io/ROLE labels, or &lt;none&gt;.</summary>
    private static string Roles(V1Node node)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = (node.Metadata.Labels ?? new Dictionary<string, string>()).Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length).Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal).ToList();
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Capacity(V1Node node) =>
        node.Status?.Allocatable?.TryGetValue("pods", out var pods) == true ? pods.ToString() : "?";

    private static string Phase(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is not null && !PodState.IsTerminal(pod) ? "Terminating" : pod.Status?.Phase ?? "Pending";

    private static int PhaseOrder(string phase) => phase switch
    {
        "Running" => 0,
        "Pending" => 1,
        "Succeeded" => 2,
        "Failed" => 3,
        "Terminating" => 4,
        _ => 5,
    };

    /// <summary>An age as kubectl prints one (upstream's HumanDuration: 42s, 5m30s, 3h, 2d4h); a clock ahead of ours reads as 0s.</summary>
    public static string Age(DateTime? time, DateTimeOffset now)
    {
        if (time is null)
        {
            return "?";
        }

        var age = now - new DateTimeOffset(DateTime.SpecifyKind(time.Value, DateTimeKind.Utc));
        return HumanDuration.Format(age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string Pad(string text, int width) => text.Length >= width ? text + " " : text.PadRight(width);
}
