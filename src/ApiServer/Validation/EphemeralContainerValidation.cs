namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's validateEphemeralContainers beyond name, uniqueness and image (which every container list gets in
/// <see cref="PodSpecValidation"/>): the checks common to all containers, an image without surrounding blanks,
/// a target that is one of the pod's other containers, none of the fields that would make the workload rely on
/// the container (ports, probes, lifecycle, resources, restart and resize policies), and no sub-path mounts.
/// </summary>
internal static class EphemeralContainerValidation
{
    /// <summary>Upstream's message for every field an ephemeral container may not have.</summary>
    public const string NotForEphemeral = "cannot be set for an Ephemeral Container";

    /// <summary>The fields outside upstream's allow list (allowedEphemeralContainerFields), in the order of the Go struct.</summary>
    private static readonly string[] Disallowed =
        ["ports", "resources", "resizePolicy", "restartPolicy", "restartPolicyRules", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle"];

    /// <param name="container">The ephemeral container.</param>
    /// <param name="at">Its path, e.g. <c>spec.ephemeralContainers[0]</c>.</param>
    /// <param name="volumes">The pod's valid volume names.</param>
    /// <param name="targets">The names of the pod's regular and init containers, which targetContainerName may name.</param>
    /// <param name="causes">Where problems are added.</param>
    public static void Validate(JsonObject container, string at, HashSet<string> volumes, IReadOnlySet<string> targets, List<StatusCause> causes)
    {
        ContainerValidation.Common(container, at, volumes, causes);
        if (JsonFields.Text(container["image"]) is { Length: > 0 } image && image.Trim() != image)
        {
            causes.Add(FieldErrors.InvalidText($"{at}.image", image, "must not have leading or trailing whitespace"));
        }

        if (JsonFields.Text(container["targetContainerName"]) is { Length: > 0 } target && !targets.Contains(target))
        {
            causes.Add(FieldErrors.NotFound($"{at}.targetContainerName", target));
        }

        foreach (var field in Disallowed.Where(f => IsSet(container[f])))
        {
            causes.Add(FieldErrors.Forbidden($"{at}.{field}", NotForEphemeral));
        }

        foreach (var (i, mount) in JsonFields.Items(container, "volumeMounts"))
        {
            foreach (var field in new[] { "subPath", "subPathExpr" }.Where(f => JsonFields.Text(mount[f]) is { Length: > 0 }))
            {
                causes.Add(FieldErrors.Forbidden($"{at}.volumeMounts[{i}].{field}", NotForEphemeral));
            }
        }
    }

    /// <summary>
    /// Whether a field differs from its Go zero value, as upstream's allow-list check compares: absent, null,
    /// an empty list and an empty object (the <c>resources: {}</c> defaulting writes) are all unset.
    /// </summary>
    private static bool IsSet(JsonNode? value) => value switch
    {
        null => false,
        JsonArray list => list.Count > 0,
        JsonObject obj => obj.Count > 0,
        _ => true,
    };
}
