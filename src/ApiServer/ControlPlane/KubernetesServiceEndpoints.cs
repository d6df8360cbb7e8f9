namespace Orchestrator.ApiServer.ControlPlane;

/// <summary>
/// What the API server keeps for its own Service (upstream pkg/controlplane/reconcilers, endpointsadapter.go):
/// Endpoints default/kubernetes labelled to skip mirroring, and EndpointSlice default/kubernetes labelled
/// with the service name only (no managed-by label: the EndpointSlice controller leaves it alone), both
/// with one ready address and the port "https".
/// </summary>
internal static class KubernetesServiceEndpoints
{
    public const string Namespace = "default";
    public const string Name = "kubernetes";
    public const string PortName = "https";

    /// <summary>The fields of the Endpoints the reconciler owns; a difference in any of them is repaired.</summary>
    public static readonly string[] EndpointsFields = ["labels", "subsets"];

    /// <summary>The fields of the EndpointSlice the reconciler owns.</summary>
    public static readonly string[] SliceFields = ["labels", "addressType", "endpoints", "ports"];

    public static JsonObject Endpoints(IPAddress address, int port) => new()
    {
        ["metadata"] = Metadata("endpointslice.kubernetes.io/skip-mirror", "true"),
        ["subsets"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray(new JsonObject { ["ip"] = address.ToString() }),
            ["ports"] = new JsonArray(new JsonObject { ["name"] = PortName, ["port"] = port, ["protocol"] = "TCP" }),
        }),
    };

    public static JsonObject EndpointSlice(IPAddress address, int port) => new()
    {
        ["metadata"] = Metadata("kubernetes.io/service-name", Name),
        ["addressType"] = address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4",
        ["endpoints"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray(address.ToString()),
            ["conditions"] = new JsonObject { ["ready"] = true },
        }),
        ["ports"] = new JsonArray(new JsonObject { ["name"] = PortName, ["port"] = port, ["protocol"] = "TCP" }),
    };

    /// <summary>True when <paramref name="current"/> differs from <paramref name="desired"/> in one of <paramref name="fields"/> ("labels" is metadata.labels).</summary>
    public static bool Differs(JsonObject current, JsonObject desired, IEnumerable<string> fields) =>
        fields.Any(field => !JsonNode.DeepEquals(Field(current, field), Field(desired, field)));

    /// <summary>Copies <paramref name="fields"/> of <paramref name="desired"/> onto <paramref name="target"/>.</summary>
    public static void CopyFields(JsonObject desired, JsonObject target, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            var value = Field(desired, field)?.DeepClone();
            if (field == "labels")
            {
                (target["metadata"] as JsonObject ?? (JsonObject)(target["metadata"] = new JsonObject()))["labels"] = value;
            }
            else
            {
                target[field] = value;
            }
        }
    }

    private static JsonNode? Field(JsonObject obj, string field) => field == "labels" ? obj["metadata"]?["labels"] : obj[field];

    private static JsonObject Metadata(string label, string value) => new()
    {
        ["name"] = Name,
        ["namespace"] = Namespace,
        ["labels"] = new JsonObject { [label] = value },
    };
}
