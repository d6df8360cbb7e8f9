using static Orchestrator.ApiServer.Selectors.FieldSelectorFields;

namespace Orchestrator.ApiServer.Registry.Core.Pods;

/// <summary>
/// Pods (upstream pkg/registry/core/pod/strategy.go): SetDefaults_Pod, a new pod starts Pending, the
/// spec is validated on every write and fixed once created apart from images, deadline, added
/// tolerations and the grace period; ephemeral containers come only through pods/ephemeralcontainers
/// (<see cref="PodEphemeralContainersStrategy"/>), never on create or a plain update. A pod bound to a node deletes gracefully: the kubelet stops it
/// and makes the final delete.
/// </summary>
internal sealed class PodStrategy() : ResourceStrategy(new PodPrinter(), Selectable)
{
    private static readonly SelectableFields Selectable = new(
        Metadata(
            Field("spec.nodeName"),
            Field("spec.restartPolicy"),
            Field("spec.schedulerName"),
            Field("spec.serviceAccountName"),
            Field("spec.hostNetwork", "false"),
            Field("status.phase"),
            ("status.podIP", PodIP),
            // Accepted by upstream's conversion but absent from its field set, so it always reads "".
            ("status.podIPs", _ => ""),
            Field("status.nominatedNodeName")),
        NotSupported,
        new Dictionary<string, string> { ["spec.host"] = "spec.nodeName" });

    public override void Default(JsonObject obj, bool create) => PodDefaults.Apply(obj);

    public override void ResetStatusOnCreate(JsonObject obj, bool hasStatusSubresource) => StartInPhase(obj, "Pending");

    public override void Validate(JsonObject obj, List<StatusCause> causes) =>
        PodSpecValidation.Validate(obj["spec"] as JsonObject, "spec", PodSpecValidation.AnyRestartPolicy, causes);

    /// <summary>Upstream's ValidatePodCreate: ephemeral containers are added through pods/ephemeralcontainers only.</summary>
    public override void ValidateCreate(JsonObject obj, List<StatusCause> causes)
    {
        if (obj["spec"]?["ephemeralContainers"] is JsonArray { Count: > 0 })
        {
            causes.Add(FieldErrors.Forbidden("spec.ephemeralContainers", "cannot be set on create"));
        }
    }

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes) =>
        PodUpdateValidation.Check(current, updated, causes);

    /// <summary>
    /// Upstream's podStrategy.CheckGracefulDelete: an unbound pod goes at once, a finished one with no
    /// grace, any other after the requested grace period, else its terminationGracePeriodSeconds, else 30.
    /// </summary>
    public override long? GracePeriodSeconds(JsonObject obj, long? requested)
    {
        if (obj["spec"]?["nodeName"] is null)
        {
            return null;
        }

        if (obj["status"]?["phase"]?.ToString() is "Succeeded" or "Failed")
        {
            return 0;
        }

        return requested ?? (obj["spec"]?["terminationGracePeriodSeconds"] is JsonValue v && v.TryGetValue<long>(out var seconds) ? seconds : 30);
    }

    /// <summary>The pod's primary IP: the first of status.podIPs, as upstream reads it, else status.podIP.</summary>
    private static string PodIP(JsonObject pod) =>
        pod["status"]?["podIPs"] is JsonArray { Count: > 0 } ips ? Text(ips[0] as JsonObject, "ip") : Text(pod, "status.podIP");
}
