using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.ApiMachinery.Text;

namespace Orchestrator.ApiServer.Selectors;

/// <summary>
/// Which fields each served kind can be selected by, read from the stored JSON the way upstream's
/// GetAttrs / ToSelectableFields compute them, with the labels and errors of upstream's field label
/// conversion functions (pkg/apis/*/v1/conversion.go). Kinds upstream registers no conversion for
/// accept metadata.name and metadata.namespace only. Absent fields read as "", booleans as
/// "true"/"false", counters as their number (0 when absent).
/// </summary>
internal static class FieldSelectorFields
{
    private static readonly SelectableFields Default = Kind(Metadata(), label => $"{Quote(label)} is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");

    private static readonly FrozenDictionary<(string Group, string Plural), SelectableFields> Kinds = new Dictionary<(string, string), SelectableFields>
    {
        [("", "pods")] = Kind(
            Metadata(
                ("spec.nodeName", o => Text(o, "spec.nodeName")),
                ("spec.restartPolicy", o => Text(o, "spec.restartPolicy")),
                ("spec.schedulerName", o => Text(o, "spec.schedulerName")),
                ("spec.serviceAccountName", o => Text(o, "spec.serviceAccountName")),
                ("spec.hostNetwork", o => Text(o, "spec.hostNetwork", "false")),
                ("status.phase", o => Text(o, "status.phase")),
                ("status.podIP", PodIP),
                // Accepted by upstream's conversion but absent from its field set, so it always reads "".
                ("status.podIPs", _ => ""),
                ("status.nominatedNodeName", o => Text(o, "status.nominatedNodeName"))),
            NotSupported,
            new Dictionary<string, string> { ["spec.host"] = "spec.nodeName" }),
        [("", "nodes")] = Kind(Fields(("metadata.name", o => Text(o, "metadata.name")), ("spec.unschedulable", o => Text(o, "spec.unschedulable", "false"))), NotSupported),
        [("", "namespaces")] = Kind(Fields(("metadata.name", o => Text(o, "metadata.name")), ("status.phase", o => Text(o, "status.phase"))), NotSupported),
        [("", "secrets")] = Kind(Metadata(("type", o => Text(o, "type"))), NotSupported),
        [("", "services")] = Kind(Metadata(("spec.clusterIP", o => Text(o, "spec.clusterIP")), ("spec.type", o => Text(o, "spec.type"))), NotSupported),
        [("", "events")] = Kind(
            Metadata(
                [.. ObjectReference("involvedObject"),
                 ("reason", o => Text(o, "reason")),
                 ("reportingComponent", o => Text(o, "reportingComponent")),
                 ("source", o => FirstText(o, "source.component", "reportingComponent")),
                 ("type", o => Text(o, "type"))]),
            NotSupported),
        [("events.k8s.io", "events")] = Kind(
            Metadata(
                [.. ObjectReference("regarding"),
                 ("reason", o => Text(o, "reason")),
                 ("reportingController", o => Text(o, "reportingController")),
                 ("source", o => FirstText(o, "deprecatedSource.component", "reportingController")),
                 ("type", o => Text(o, "type"))]),
            NotSupported),
        [("apps", "replicasets")] = Kind(Metadata(("status.replicas", o => Text(o, "status.replicas", "0"))), NotSupported),
        [("batch", "jobs")] = Kind(
            Metadata(("status.successful", o => Text(o, "status.succeeded", "0"))),
            label => $"field label {Quote(label)} not supported for batchv1.Job"),
    }.ToFrozenDictionary();

    /// <summary>The selectable fields of the resource served at (group, plural); kinds without special fields get metadata.name and metadata.namespace.</summary>
    public static SelectableFields For(string group, string plural) => Kinds.GetValueOrDefault((group, plural), Default);

    private static string NotSupported(string label) => $"field label not supported: {label}";

    private static SelectableFields Kind(Dictionary<string, Func<JsonObject, string>> readers, Func<string, string> unsupported, Dictionary<string, string>? aliases = null) =>
        new(readers, unsupported, aliases);

    private static Dictionary<string, Func<JsonObject, string>> Metadata(params (string Label, Func<JsonObject, string> Read)[] fields) =>
        Fields([("metadata.name", o => Text(o, "metadata.name")), ("metadata.namespace", o => Text(o, "metadata.namespace")), .. fields]);

    private static Dictionary<string, Func<JsonObject, string>> Fields(params (string Label, Func<JsonObject, string> Read)[] fields) =>
        fields.ToDictionary(f => f.Label, f => f.Read, StringComparer.Ordinal);

    private static IEnumerable<(string, Func<JsonObject, string>)> ObjectReference(string prefix) =>
        new[] { "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath" }
            .Select(field => ($"{prefix}.{field}", (Func<JsonObject, string>)(o => Text(o, $"{prefix}.{field}"))));

    /// <summary>The pod's primary IP: the first of status.podIPs, as upstream reads it, else status.podIP.</summary>
    private static string PodIP(JsonObject pod) =>
        pod["status"]?["podIPs"] is JsonArray { Count: > 0 } ips ? Text(ips[0] as JsonObject, "ip") : Text(pod, "status.podIP");

    private static string FirstText(JsonObject obj, string path, string fallbackPath) =>
        Text(obj, path) is { Length: > 0 } value ? value : Text(obj, fallbackPath);

    /// <summary>The scalar at a dotted path as selector text; <paramref name="absent"/> when missing, null or not a scalar.</summary>
    private static string Text(JsonObject? obj, string path, string absent = "")
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject map ? map[segment] : null;
        }

        return node?.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => absent,
        };
    }

    private static string Quote(string label) => GoText.Quote(label);
}
