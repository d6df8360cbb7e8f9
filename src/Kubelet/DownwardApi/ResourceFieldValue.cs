namespace Orchestrator.Kubelet.DownwardApi;

/// <summary>
/// Upstream's <c>ExtractResourceValueByContainerNameAndNodeAllocatable</c>: a container's limit or
/// request of cpu, memory or ephemeral-storage divided by the divisor and rounded up; a missing (or
/// zero) limit is the node's allocatable, as the kubelet's <c>MergeContainerResourceLimits</c> does.
/// </summary>
internal static class ResourceFieldValue
{
    private static readonly string[] Mergeable = ["cpu", "memory", "ephemeral-storage"];

    /// <param name="selector">The selector; its containerName, when set, picks the container.</param>
    /// <param name="pod">The pod whose containers are searched (containers, then init containers).</param>
    /// <param name="container">The container an environment variable belongs to, used when the selector names none.</param>
    /// <param name="nodeAllocatable">The node's allocatable, standing in for missing limits; null when unknown.</param>
    public static string Extract(V1ResourceFieldSelector selector, V1Pod pod, V1Container? container, IDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        var target = string.IsNullOrEmpty(selector.ContainerName) && container is not null
            ? container
            : Find(pod, selector.ContainerName ?? string.Empty);
        var divisor = selector.Divisor is { } d && d.ToDecimal() != 0 ? d.ToDecimal() : 1m;
        var (kind, resource) = Split(selector.Resource);
        var list = kind == "limits" ? Limits(target, nodeAllocatable) : target.Resources?.Requests;
        var quantity = list is not null && list.TryGetValue(resource, out var q) ? q.ToDecimal() : 0m;
        var value = resource == "cpu"
            ? Math.Ceiling(MilliValue(quantity) / MilliValue(divisor))
            : Math.Ceiling(Value(quantity) / Value(divisor));
        return ((long)value).ToString(CultureInfo.InvariantCulture);
    }

    private static (string Kind, string Resource) Split(string resource)
    {
        var dot = resource.IndexOf('.', StringComparison.Ordinal);
        var kind = dot < 0 ? string.Empty : resource[..dot];
        var name = dot < 0 ? string.Empty : resource[(dot + 1)..];
        if (kind is not ("limits" or "requests") || Array.IndexOf(Mergeable, name) < 0)
        {
            throw new DownwardApiException($"unsupported container resource : {resource}");
        }

        return (kind, name);
    }

    private static Dictionary<string, ResourceQuantity> Limits(V1Container container, IDictionary<string, ResourceQuantity>? allocatable)
    {
        var limits = container.Resources?.Limits is { } l ? new Dictionary<string, ResourceQuantity>(l) : [];
        foreach (var name in Mergeable)
        {
            var missing = !limits.TryGetValue(name, out var limit) || limit.ToDecimal() == 0;
            if (missing && allocatable is not null && allocatable.TryGetValue(name, out var a))
            {
                limits[name] = a;
            }
        }

        return limits;
    }

    private static V1Container Find(V1Pod pod, string name) =>
        (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).FirstOrDefault(c => c.Name == name)
        ?? throw new DownwardApiException($"container {name} not found");

    // Go's Quantity.MilliValue and Value round up.
    private static decimal MilliValue(decimal quantity) => Math.Ceiling(quantity * 1000m);

    private static decimal Value(decimal quantity) => Math.Ceiling(quantity);
}
