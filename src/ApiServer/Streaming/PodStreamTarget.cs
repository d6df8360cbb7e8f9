namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// Where a pod's streams live, decided from the pod and its node as upstream's pod strategy
/// (LogLocation, streamLocation, validateContainer) and node connection-info getter decide.
/// </summary>
internal static class PodStreamTarget
{
    /// <summary>The kubelet's default port, used when the node publishes none.</summary>
    public const int DefaultKubeletPort = 10250;

    private static readonly string[] AddressPreference = ["InternalIP", "Hostname", "InternalDNS", "ExternalIP", "ExternalDNS"];

    /// <summary>
    /// The container a request is for: the named one, which must be one of the pod's (init,
    /// regular or ephemeral) containers, or the only container when none is named; 400 otherwise.
    /// </summary>
    public static string Container(JsonObject pod, string? requested)
    {
        var podName = pod["metadata"]?["name"]?.GetValue<string>() ?? "";
        var spec = pod["spec"] as JsonObject;
        var all = new[] { "initContainers", "containers", "ephemeralContainers" }
            .SelectMany(list => Names(spec?[list]))
            .ToList();
        if (requested is { Length: > 0 })
        {
            return all.Contains(requested)
                ? requested
                : throw ApiErrors.BadRequest($"container {requested} is not valid for pod {podName}");
        }

        var regular = Names(spec?["containers"]).ToList();
        return regular.Count switch
        {
            1 => regular[0],
            0 => throw ApiErrors.BadRequest($"a container name must be specified for pod {podName}"),
            _ => throw ApiErrors.BadRequest($"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', all)}]"),
        };
    }

    /// <summary>The node the pod is bound to, or null when it has none yet.</summary>
    public static string? NodeName(JsonObject pod) =>
        pod["spec"]?["nodeName"]?.GetValue<string>() is { Length: > 0 } node ? node : null;

    /// <summary>The pod's node name; 400 "does not have a host assigned" when unbound (exec, attach, portforward).</summary>
    public static string RequireNodeName(JsonObject pod) =>
        NodeName(pod) ?? throw ApiErrors.BadRequest($"pod {pod["metadata"]?["name"]?.GetValue<string>()} does not have a host assigned");

    /// <summary>
    /// The kubelet of a node: its preferred address (InternalIP first) and
    /// status.daemonEndpoints.kubeletEndpoint.Port (10250 when unset).
    /// </summary>
    public static KubeletEndpoint Kubelet(JsonObject node)
    {
        var addresses = (node["status"]?["addresses"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(a => (Type: a["type"]?.GetValue<string>() ?? "", Address: a["address"]?.GetValue<string>() ?? ""))
            .Where(a => a.Address.Length > 0)
            .ToList();
        var host = AddressPreference
            .Select(type => addresses.FirstOrDefault(a => a.Type == type).Address)
            .FirstOrDefault(a => a is { Length: > 0 })
            ?? throw new ApiException(500, "InternalError",
                $"Internal error occurred: no preferred addresses found; known addresses: [{string.Join(' ', addresses.Select(a => $"{{{a.Type} {a.Address}}}"))}]");
        var port = node["status"]?["daemonEndpoints"]?["kubeletEndpoint"]?["Port"]?.GetValue<int>() ?? 0;
        return new KubeletEndpoint(host, port > 0 ? port : DefaultKubeletPort);
    }

    private static IEnumerable<string> Names(JsonNode? containers) =>
        (containers as JsonArray ?? []).OfType<JsonObject>().Select(c => c["name"]?.GetValue<string>() ?? "");
}
