namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>Builds a pod from a controller's pod template (upstream's <c>GetPodFromTemplate</c>).</summary>
internal static class PodFactory
{
    public static V1Pod FromTemplate(V1PodTemplateSpec template, string @namespace, string ownerName, V1OwnerReference controllerRef)
    {
        var copy = ObjectCopy.Deep(template);
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = GenerateNamePrefix(ownerName),
                NamespaceProperty = @namespace,
                Labels = copy.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
                Annotations = copy.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
                Finalizers = copy.Metadata?.Finalizers is { } finalizers ? [.. finalizers] : null,
                OwnerReferences = [controllerRef],
            },
            Spec = copy.Spec,
        };
    }

    /// <summary><c>name-</c>, or the bare name when that would not be a valid name prefix.</summary>
    public static string GenerateNamePrefix(string ownerName)
    {
        var prefix = ownerName + "-";
        // The server appends 5 random characters; names are at most 253 characters.
        return prefix.Length + 5 <= 253 ? prefix : ownerName;
    }
}
