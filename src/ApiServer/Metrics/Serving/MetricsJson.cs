using System.Numerics;
using Orchestrator.ApiMachinery.Resources;

namespace Orchestrator.ApiServer.Metrics.Serving;

/// <summary>
/// NodeMetrics and PodMetrics objects as metrics-server writes them: metadata from the node or pod (name, namespace,
/// labels) created "now", <c>timestamp</c> (RFC 3339), <c>window</c> (a Go duration) and <c>usage</c> with CPU in
/// nanocores (decimal SI, "12345678n" canonicalized) and memory in bytes (binary SI, "1234Ki").
/// </summary>
internal static class MetricsJson
{
    public static JsonObject Node(JsonObject node, ResourceUsage usage, DateTimeOffset now)
    {
        var metrics = Object(MetricsResources.NodeMetricsKind, node, usage.Timestamp, usage.Window, now);
        metrics["usage"] = Usage(usage);
        return metrics;
    }

    public static JsonObject Pod(JsonObject pod, PodUsage usage, DateTimeOffset now)
    {
        var metrics = Object(MetricsResources.PodMetricsKind, pod, usage.Timestamp, usage.Window, now);
        metrics["containers"] = new JsonArray([.. usage.Containers.Select(c => new JsonObject { ["name"] = c.Container, ["usage"] = Usage(c.Usage) })]);
        return metrics;
    }

    /// <summary>The fields NodeMetrics and PodMetrics share, in metrics-server's order; the usage follows them.</summary>
    private static JsonObject Object(string kind, JsonObject source, DateTimeOffset timestamp, TimeSpan window, DateTimeOffset now) => new()
    {
        ["kind"] = kind,
        ["apiVersion"] = MetricsResources.ApiVersion,
        ["metadata"] = Metadata(source, now),
        ["timestamp"] = Time(timestamp),
        ["window"] = GoDuration.Format(window),
    };

    /// <summary>CPU as metrics-server's quantity: nanocores, scale -9, decimal SI, canonical.</summary>
    public static string Cpu(ulong nanoCores) => new Quantity(new BigInteger(nanoCores), -9, QuantityFormat.DecimalSI).ToString();

    /// <summary>Memory as metrics-server's quantity: bytes, binary SI, canonical.</summary>
    public static string Memory(ulong bytes) => new Quantity(new BigInteger(bytes), 0, QuantityFormat.BinarySI).ToString();

    private static JsonObject Usage(ResourceUsage usage) => new()
    {
        ["cpu"] = Cpu(usage.CpuNanoCores),
        ["memory"] = Memory(usage.MemoryBytes),
    };

    private static JsonObject Metadata(JsonObject source, DateTimeOffset now)
    {
        var metadata = new JsonObject { ["name"] = Objects.ObjectMeta.Name(source) };
        if (Objects.ObjectMeta.Namespace(source) is { } ns)
        {
            metadata["namespace"] = ns;
        }

        metadata["creationTimestamp"] = Time(now);
        if (source["metadata"]?["labels"] is JsonObject labels)
        {
            metadata["labels"] = labels.DeepClone();
        }

        return metadata;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
