namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's validateContainerCommon beyond name and image: ports, env, volume mounts, pull
/// policy, termination message policy and resources; probes and hooks for the containers that may
/// have them.
/// </summary>
internal static class ContainerValidation
{
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] MessagePolicies = ["File", "FallbackToLogsOnError"];

    /// <param name="container">The container.</param>
    /// <param name="at">Its path, e.g. <c>spec.containers[0]</c>.</param>
    /// <param name="volumes">The pod's valid volume names.</param>
    /// <param name="isInit">Whether it is an init container (probes only when it is a sidecar).</param>
    /// <param name="gracePeriod">The pod's terminationGracePeriodSeconds, the bound of sleep hooks.</param>
    /// <param name="causes">Where problems are added.</param>
    public static void Validate(JsonObject container, string at, HashSet<string> volumes, bool isInit, long? gracePeriod, List<StatusCause> causes)
    {
        Common(container, at, volumes, causes);
        var restartPolicy = JsonFields.Text(container["restartPolicy"]);
        if (!isInit)
        {
            ProbeValidation.Validate(container, at, gracePeriod, causes);
            if (restartPolicy is not null)
            {
                causes.Add(FieldErrors.Forbidden($"{at}.restartPolicy", "may not be set for non-init containers"));
            }

            return;
        }

        if (restartPolicy is not null and not "Always")
        {
            causes.Add(FieldErrors.NotSupported($"{at}.restartPolicy", restartPolicy, "Always"));
        }

        if (restartPolicy == "Always")
        {
            ProbeValidation.Validate(container, at, gracePeriod, causes);
        }
        else
        {
            ProbeValidation.ForbidOnInitContainer(container, at, causes);
        }
    }

    /// <summary>
    /// What every kind of container (regular, init, ephemeral) is checked for beyond name and image: termination
    /// message policy, ports, env, volume mounts, pull policy and resources (upstream's validateContainerCommon).
    /// </summary>
    public static void Common(JsonObject container, string at, HashSet<string> volumes, List<StatusCause> causes)
    {
        Enumerated(container, "terminationMessagePolicy", MessagePolicies, at, causes);
        PortValidation.ContainerPorts(container, at, causes);
        EnvValidation.Validate(container, at, causes);
        VolumeMounts(container, at, volumes, causes);
        Enumerated(container, "imagePullPolicy", PullPolicies, at, causes);
        ResourceValidation.Validate(container["resources"] as JsonObject, $"{at}.resources", causes);
    }

    /// <summary>A field with a fixed set of values that defaulting always fills (so empty means explicitly cleared).</summary>
    private static void Enumerated(JsonObject container, string field, string[] allowed, string at, List<StatusCause> causes)
    {
        var value = JsonFields.Text(container[field]);
        if (value is null or "")
        {
            causes.Add(FieldErrors.Required($"{at}.{field}"));
        }
        else if (!allowed.Contains(value))
        {
            causes.Add(FieldErrors.NotSupported($"{at}.{field}", value, [.. allowed.Order(StringComparer.Ordinal)]));
        }
    }

    private static void VolumeMounts(JsonObject container, string at, HashSet<string> volumes, List<StatusCause> causes)
    {
        var mountPaths = new HashSet<string>(StringComparer.Ordinal);
        var listPath = $"{at}.volumeMounts";
        foreach (var (i, mount) in JsonFields.Items(container, "volumeMounts"))
        {
            var path = $"{listPath}[{i}]";
            var name = JsonFields.Text(mount["name"]) ?? "";
            if (name.Length == 0)
            {
                causes.Add(FieldErrors.Required($"{path}.name"));
            }

            if (!volumes.Contains(name))
            {
                causes.Add(FieldErrors.NotFound($"{path}.name", name));
            }

            var mountPath = JsonFields.Text(mount["mountPath"]) ?? "";
            if (mountPath.Length == 0)
            {
                causes.Add(FieldErrors.Required($"{path}.mountPath"));
            }

            if (!mountPaths.Add(mountPath))
            {
                causes.Add(FieldErrors.InvalidText($"{path}.mountPath", mountPath, "must be unique"));
            }

            var subPath = JsonFields.Text(mount["subPath"]) ?? "";
            if (subPath.Length > 0)
            {
                // Upstream reports sub-path problems on the list's path, not the item's.
                PathRules.LocalDescending(subPath, $"{listPath}.subPath", causes);
            }

            if (JsonFields.Text(mount["subPathExpr"]) is { Length: > 0 } expression)
            {
                if (subPath.Length > 0)
                {
                    causes.Add(FieldErrors.InvalidText($"{path}.subPathExpr", expression, "subPathExpr and subPath are mutually exclusive"));
                }

                PathRules.LocalDescending(expression, $"{listPath}.subPathExpr", causes);
            }
        }
    }
}
