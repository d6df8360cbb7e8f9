namespace Orchestrator.ApiServer.Registry.Core.Pods;

/// <summary>
/// <c>pods/ephemeralcontainers</c> (upstream's podEphemeralContainersStrategy): a write keeps the stored pod, metadata,
/// spec and status, but for <c>spec.ephemeralContainers</c> (dropNonEphemeralContainerUpdates), and may only add
/// ephemeral containers (ValidatePodEphemeralContainersUpdate). The pod's own defaults and validation then apply to
/// the result, so new containers are defaulted and checked as upstream checks them. Any pod takes them, bound or
/// not: the kubelet starts them once the pod runs.
/// </summary>
internal sealed class PodEphemeralContainersStrategy : ISubresourceStrategy
{
    public void PrepareForUpdate(JsonObject current, JsonObject updated)
    {
        var requested = updated["spec"]?["ephemeralContainers"]?.DeepClone();
        foreach (var (key, _) in updated.ToArray())
        {
            updated.Remove(key);
        }

        foreach (var (key, value) in current)
        {
            updated[key] = value?.DeepClone();
        }

        var spec = JsonFields.Child(updated, "spec");
        spec.Remove("ephemeralContainers");
        if (requested is not null)
        {
            spec["ephemeralContainers"] = requested;
        }
    }

    public void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes) =>
        EphemeralContainersUpdateValidation.Check(current, updated, causes);
}
