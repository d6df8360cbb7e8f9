namespace Orchestrator.ControllerManager.Controllers.Endpoints;

/// <summary>Which pods back a Service and how: selection, readiness and target ports, with upstream's rules.</summary>
internal static class ServicePods
{
    public const string HeadlessLabel = "service.kubernetes.io/headless";

    /// <summary>
    /// Whether the endpoints controllers manage this Service: it has a selector (without one the user
    /// owns its endpoints) and it is not default/kubernetes (the API server owns that one).
    /// </summary>
    public static bool IsManaged(V1Service service) =>
        service.Spec?.Selector is { Count: > 0 }
        && !(service.Metadata.NamespaceProperty == "default" && service.Metadata.Name == "kubernetes");

    public static bool Selects(V1Service service, V1Pod pod) =>
        service.Spec?.Selector is { Count: > 0 } selector
        && pod.Metadata.NamespaceProperty == service.Metadata.NamespaceProperty
        && selector.All(kv => pod.Metadata.Labels?.TryGetValue(kv.Key, out var v) == true && v == kv.Value);

    /// <summary>Upstream's ShouldPodBeInEndpoints: it has an IP, is not terminal, and terminating only if asked.</summary>
    public static bool ShouldBeInEndpoints(V1Pod pod, bool includeTerminating) =>
        !string.IsNullOrEmpty(pod.Status?.PodIP)
        && (includeTerminating || pod.Metadata.DeletionTimestamp is null)
        && pod.Status?.Phase is not ("Succeeded" or "Failed");

    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false;

    /// <summary>The container port a service port targets in this pod: a number as is, a name looked up by name and protocol.</summary>
    public static int? TargetPort(V1ServicePort port, V1Pod pod)
    {
        var target = port.TargetPort?.Value;
        if (string.IsNullOrEmpty(target))
        {
            return port.Port;
        }

        if (int.TryParse(target, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var protocol = port.Protocol ?? "TCP";
        return (pod.Spec?.Containers ?? [])
            .SelectMany(c => c.Ports ?? [])
            .FirstOrDefault(p => p.Name == target && (p.Protocol ?? "TCP") == protocol)?.ContainerPort;
    }

    public static V1ObjectReference PodReference(V1Pod pod) => new()
    {
        Kind = "Pod",
        NamespaceProperty = pod.Metadata.NamespaceProperty,
        Name = pod.Metadata.Name,
        Uid = pod.Metadata.Uid,
    };

    /// <summary>The pod's hostname in the service's DNS, when its subdomain is this service.</summary>
    public static string? Hostname(V1Service service, V1Pod pod) =>
        !string.IsNullOrEmpty(pod.Spec?.Hostname) && pod.Spec.Subdomain == service.Metadata.Name ? pod.Spec.Hostname : null;

    /// <summary>The service's labels, plus the headless marker for a service without a cluster IP.</summary>
    public static IDictionary<string, string> Labels(V1Service service)
    {
        var labels = new Dictionary<string, string>(service.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (service.Spec?.ClusterIP == "None")
        {
            labels[HeadlessLabel] = "";
        }

        return labels;
    }
}
