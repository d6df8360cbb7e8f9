namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's probe and lifecycle handler checks: exactly one handler, each handler's own fields, non-negative timings.</summary>
internal static class ProbeValidation
{
    private static readonly string[] ProbeHandlers = ["exec", "httpGet", "tcpSocket", "grpc"];
    private static readonly string[] LifecycleHandlers = ["exec", "httpGet", "tcpSocket", "sleep"];
    private static readonly string[] Schemes = ["HTTP", "HTTPS"];
    private static readonly string[] Timings = ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"];

    /// <summary>The liveness, readiness and startup probes and the lifecycle hooks of a container that may have them.</summary>
    public static void Validate(JsonObject container, string at, long? gracePeriod, List<StatusCause> causes)
    {
        if (container["lifecycle"] is JsonObject lifecycle)
        {
            foreach (var hook in new[] { "postStart", "preStop" })
            {
                if (lifecycle[hook] is JsonObject handler)
                {
                    Handler(handler, LifecycleHandlers, $"{at}.lifecycle.{hook}", gracePeriod, causes);
                }
            }
        }

        foreach (var kind in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[kind] is not JsonObject probe)
            {
                continue;
            }

            var path = $"{at}.{kind}";
            Handler(probe, ProbeHandlers, path, gracePeriod, causes);
            foreach (var timing in Timings)
            {
                if (JsonFields.Integer(probe[timing]) is { } value && value < 0)
                {
                    causes.Add(FieldErrors.InvalidNumber($"{path}.{timing}", value, "must be greater than or equal to 0"));
                }
            }

            if (JsonFields.Integer(probe["terminationGracePeriodSeconds"]) is { } grace)
            {
                if (kind == "readinessProbe")
                {
                    causes.Add(FieldErrors.InvalidNumber($"{path}.terminationGracePeriodSeconds", grace, "must not be set for readinessProbes"));
                }
                else if (grace <= 0)
                {
                    causes.Add(FieldErrors.InvalidNumber($"{path}.terminationGracePeriodSeconds", grace, "must be greater than 0"));
                }
            }

            if (kind != "readinessProbe" && (JsonFields.Integer(probe["successThreshold"]) ?? 1) is var success && success != 1)
            {
                causes.Add(FieldErrors.InvalidNumber($"{path}.successThreshold", success, "must be 1"));
            }
        }
    }

    /// <summary>Forbids probes and lifecycle hooks on an init container that is not a sidecar (restartPolicy Always).</summary>
    public static void ForbidOnInitContainer(JsonObject container, string at, List<StatusCause> causes)
    {
        foreach (var field in new[] { "lifecycle", "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[field] is not null)
            {
                causes.Add(FieldErrors.Forbidden($"{at}.{field}", "may not be set for init containers without restartPolicy=Always"));
            }
        }
    }

    private static void Handler(JsonObject handler, string[] kinds, string path, long? gracePeriod, List<StatusCause> causes)
    {
        var count = 0;
        foreach (var kind in kinds)
        {
            if (handler[kind] is not JsonObject action)
            {
                continue;
            }

            if (count++ > 0)
            {
                causes.Add(FieldErrors.Forbidden($"{path}.{kind}", "may not specify more than 1 handler type"));
                continue;
            }

            Action(kind, action, $"{path}.{kind}", gracePeriod, causes);
        }

        if (count == 0)
        {
            causes.Add(FieldErrors.Required(path, "must specify a handler type"));
        }
    }

    private static void Action(string kind, JsonObject action, string path, long? gracePeriod, List<StatusCause> causes)
    {
        switch (kind)
        {
            case "exec" when action["command"] is not JsonArray { Count: > 0 }:
                causes.Add(FieldErrors.Required($"{path}.command"));
                break;
            case "httpGet":
                if (JsonFields.Text(action["path"]) is null or "")
                {
                    causes.Add(FieldErrors.Required($"{path}.path"));
                }

                PortValidation.NumberOrName(action["port"], $"{path}.port", causes);
                var scheme = JsonFields.Text(action["scheme"]) ?? "";
                if (!Schemes.Contains(scheme))
                {
                    causes.Add(FieldErrors.NotSupported($"{path}.scheme", scheme, Schemes));
                }

                break;
            case "tcpSocket" or "grpc":
                PortValidation.NumberOrName(action["port"], $"{path}.port", causes);
                break;
            case "sleep" when gracePeriod is { } grace && JsonFields.Integer(action["seconds"]) is { } seconds && (seconds < 0 || seconds > grace):
                causes.Add(FieldErrors.InvalidNumber(path, seconds, $"must be non-negative and less than terminationGracePeriodSeconds ({grace})"));
                break;
        }
    }
}
