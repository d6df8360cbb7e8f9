namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's ValidatePodSpec checks for volumes, containers (see <see cref="ContainerValidation"/>), ephemeral
/// containers (<see cref="EphemeralContainerValidation"/>), the restart policy and the OS rules (<see cref="PodOsValidation"/>).
/// </summary>
internal static class PodSpecValidation
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];

    /// <param name="spec">The pod spec (null when absent).</param>
    /// <param name="path">Its field path, e.g. <c>spec</c> or <c>spec.template.spec</c>.</param>
    /// <param name="restartPolicies">The restart policies the owner accepts.</param>
    /// <param name="causes">Where problems are added.</param>
    /// <param name="mountableElsewhere">Names containers may mount besides the spec's volumes (a StatefulSet's claim templates).</param>
    public static void Validate(JsonObject? spec, string path, IReadOnlyList<string> restartPolicies, List<StatusCause> causes, IEnumerable<string>? mountableElsewhere = null)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var volumes = VolumeValidation.Validate(spec, path, causes);
        volumes.UnionWith(mountableElsewhere ?? []);
        if (spec?["containers"] is not JsonArray { Count: > 0 })
        {
            causes.Add(FieldErrors.Required($"{path}.containers"));
        }

        Containers(spec, "containers", path, names, volumes, causes);
        Containers(spec, "initContainers", path, names, volumes, causes);

        // Ephemeral containers' names are unique across all three lists; their targets are the other two.
        Containers(spec, "ephemeralContainers", path, names, volumes, causes, targets: names.ToHashSet(StringComparer.Ordinal));
        RestartPolicy(JsonFields.Text(spec?["restartPolicy"]), $"{path}.restartPolicy", restartPolicies, causes);
        PodOsValidation.Validate(spec, path, causes);
    }

    /// <summary>The restart policies a bare pod accepts.</summary>
    public static IReadOnlyList<string> AnyRestartPolicy => RestartPolicies;

    private static void RestartPolicy(string? policy, string field, IReadOnlyList<string> allowed, List<StatusCause> causes)
    {
        if (policy is null or "")
        {
            causes.Add(FieldErrors.Required(field, $"valid values: {string.Join(", ", allowed.Select(GoText.Quote))}"));
        }
        else if (!allowed.Contains(policy))
        {
            causes.Add(FieldErrors.NotSupported(field, policy, [.. allowed]));
        }
    }

    private static void Containers(JsonObject? spec, string list, string path, HashSet<string> names, HashSet<string> volumes, List<StatusCause> causes, IReadOnlySet<string>? targets = null)
    {
        foreach (var (i, container) in JsonFields.Items(spec, list))
        {
            var at = $"{path}.{list}[{i}]";
            var name = JsonFields.Text(container["name"]);
            if (name is null or "")
            {
                causes.Add(FieldErrors.Required($"{at}.name"));
            }
            else
            {
                FieldErrors.AddInvalid(causes, $"{at}.name", name, NameValidation.Dns1123Label(name));
                if (!names.Add(name))
                {
                    causes.Add(FieldErrors.Duplicate($"{at}.name", name));
                }
            }

            if (JsonFields.Text(container["image"]) is null or "")
            {
                causes.Add(FieldErrors.Required($"{at}.image"));
            }

            if (targets is not null)
            {
                EphemeralContainerValidation.Validate(container, at, volumes, targets, causes);
                continue;
            }

            ContainerValidation.Validate(container, at, volumes, list == "initContainers", JsonFields.Integer(spec?["terminationGracePeriodSeconds"]), causes);
        }
    }
}
