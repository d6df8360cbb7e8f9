namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>Builds the pods controllers create (upstream's <c>GetPodFromTemplate</c> and its callers).</summary>
internal static class PodFactory
{
    /// <summary>A pod of <paramref name="template"/> named <c>&lt;owner&gt;-&lt;random&gt;</c>, its metadata copied from the template's.</summary>
    public static V1Pod FromTemplate(V1PodTemplateSpec template, string @namespace, string ownerName, V1OwnerReference controllerRef)
    {
        var copy = ObjectCopy.Deep(template);
        return Controlled(
            @namespace,
            controllerRef,
            new V1ObjectMeta
            {
                GenerateName = GenerateNamePrefix(ownerName),
                Labels = copy.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
                Annotations = copy.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
                Finalizers = copy.Metadata?.Finalizers is { } finalizers ? [.. finalizers] : null,
            },
            copy.Spec);
    }

    /// <summary>A pod with <paramref name="metadata"/> and <paramref name="spec"/>, in <paramref name="namespace"/>, controlled by <paramref name="controllerRef"/>'s owner.</summary>
    public static V1Pod Controlled(string? @namespace, V1OwnerReference controllerRef, V1ObjectMeta metadata, V1PodSpec spec)
    {
        metadata.NamespaceProperty = @namespace;
        metadata.OwnerReferences = [controllerRef];
        return new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = metadata, Spec = spec };
    }

    /// <summary><c>name-</c>, or the bare name when that would not be a valid name prefix.</summary>
    public static string GenerateNamePrefix(string ownerName)
    {
        var prefix = ownerName + "-";
        // The server appends 5 random characters; names are at most 253 characters.
        return prefix.Length + 5 <= 253 ? prefix : ownerName;
    }
}
