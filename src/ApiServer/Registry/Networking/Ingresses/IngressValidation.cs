using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Networking.Ingresses;

/// <summary>
/// Upstream's ValidateIngressSpec (pkg/apis/networking/validation): a default backend or rules, hosts that
/// are DNS names (a wildcard first label allowed), paths absolute for Exact and Prefix, one backend kind
/// per backend with a service name and one port, TLS hosts and secret names, the class name, and the
/// legacy class annotation agreeing with <c>ingressClassName</c>.
/// </summary>
internal static class IngressValidation
{
    public const string ClassAnnotation = "kubernetes.io/ingress.class";

    private static readonly string[] PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
    private static readonly string[] InvalidSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidSuffixes = ["/..", "/."];

    public static void Validate(JsonObject ingress, List<StatusCause> causes)
    {
        var spec = ingress["spec"] as JsonObject;
        var rules = spec?["rules"] as JsonArray;
        var defaultBackend = spec?["defaultBackend"] as JsonObject;
        if ((rules is null || rules.Count == 0) && defaultBackend is null)
        {
            causes.Add(FieldErrors.Invalid("spec", rules is null ? "[]networking.IngressRule(nil)" : "[]networking.IngressRule{}", "either `defaultBackend` or `rules` must be specified"));
        }

        if (defaultBackend is not null)
        {
            Backend(defaultBackend, "spec.defaultBackend", causes);
        }

        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            if (rules![i] is JsonObject rule)
            {
                Rule(rule, $"spec.rules[{i}]", causes);
            }
        }

        Tls(spec.Objects("tls"), causes);
        if (spec.StringOrNull("ingressClassName") is { } className)
        {
            FieldErrors.AddInvalid(causes, "spec.ingressClassName", className, NameValidation.Dns1123Subdomain(className));
            if (ingress.StringOrNull("metadata", "annotations", ClassAnnotation) is { } annotation && annotation != className)
            {
                causes.Add(FieldErrors.InvalidText("annotations." + ClassAnnotation, annotation, "must match `ingressClassName` when both are specified"));
            }
        }
    }

    private static void Rule(JsonObject rule, string path, List<StatusCause> causes)
    {
        if (rule.String("host") is { Length: > 0 } host)
        {
            if (NetworkNames.IsIp(host))
            {
                causes.Add(FieldErrors.InvalidText(path + ".host", host, "must be a DNS name, not an IP address"));
            }

            FieldErrors.AddInvalid(causes, path + ".host", host, NetworkNames.Host(host));
        }

        if (rule["http"] is not JsonObject http)
        {
            return;
        }

        var paths = http.Objects("paths");
        if (paths.Count == 0)
        {
            causes.Add(FieldErrors.Required(path + ".http.paths"));
        }

        for (var i = 0; i < paths.Count; i++)
        {
            HttpPath(paths[i], $"{path}.http.paths[{i}]", causes);
        }
    }

    private static void HttpPath(JsonObject httpPath, string path, List<StatusCause> causes)
    {
        if (httpPath.StringOrNull("pathType") is not { } pathType)
        {
            causes.Add(FieldErrors.Required(path + ".pathType", "pathType must be specified"));
            return;
        }

        var value = httpPath.String("path");
        switch (pathType)
        {
            case "Exact" or "Prefix":
                if (!value.StartsWith('/'))
                {
                    causes.Add(FieldErrors.InvalidText(path + ".path", value, "must be an absolute path"));
                }

                causes.AddRange(InvalidSequences.Where(s => value.Contains(s, StringComparison.Ordinal))
                    .Select(s => FieldErrors.InvalidText(path + ".path", value, $"must not contain '{s}'")));
                causes.AddRange(InvalidSuffixes.Where(s => value.EndsWith(s, StringComparison.Ordinal))
                    .Select(s => FieldErrors.InvalidText(path + ".path", value, $"cannot end with '{s}'")));
                break;
            case "ImplementationSpecific":
                if (value.Length > 0 && !value.StartsWith('/'))
                {
                    causes.Add(FieldErrors.InvalidText(path + ".path", value, "must be an absolute path"));
                }

                break;
            default:
                causes.Add(FieldErrors.NotSupported(path + ".pathType", pathType, PathTypes));
                break;
        }

        Backend(httpPath["backend"] as JsonObject ?? [], path + ".backend", causes);
    }

    private static void Backend(JsonObject backend, string path, List<StatusCause> causes)
    {
        var resource = backend["resource"] as JsonObject;
        var service = backend["service"] as JsonObject;
        if (resource is not null && service is not null)
        {
            causes.Add(FieldErrors.InvalidText(path, "", "cannot set both resource and service backends"));
        }
        else if (resource is not null)
        {
            TypedReference(resource, path + ".resource", causes);
        }
        else if (service is not null)
        {
            ServiceBackend(service, path, causes);
        }
        else
        {
            causes.Add(FieldErrors.InvalidText(path, "", "resource or service backend is required"));
        }
    }

    private static void ServiceBackend(JsonObject service, string path, List<StatusCause> causes)
    {
        var name = service.String("name");
        if (name.Length == 0)
        {
            causes.Add(FieldErrors.Required(path + ".service.name"));
        }
        else
        {
            FieldErrors.AddInvalid(causes, path + ".service.name", name, NameValidation.Dns1035Label(name));
        }

        var portName = service.String("port", "name");
        var portNumber = service.Long("port", "number");
        if (portName.Length > 0 && portNumber != 0)
        {
            causes.Add(FieldErrors.InvalidText(path, "", "cannot set both port name & port number"));
        }
        else if (portName.Length > 0)
        {
            FieldErrors.AddInvalid(causes, path + ".service.port.name", portName, PortValidation.NameProblems(portName));
        }
        else if (portNumber != 0)
        {
            if (portNumber is < 1 or > 65535)
            {
                causes.Add(FieldErrors.InvalidNumber(path + ".service.port.number", portNumber, PortValidation.RangeError));
            }
        }
        else
        {
            causes.Add(FieldErrors.Required(path, "port name or number is required"));
        }
    }

    /// <summary>A TypedLocalObjectReference: optional API group, required kind and name that are path segments.</summary>
    public static void TypedReference(JsonObject reference, string path, List<StatusCause> causes)
    {
        if (reference.StringOrNull("apiGroup") is { } group)
        {
            FieldErrors.AddInvalid(causes, path + ".apiGroup", group, NameValidation.Dns1123Subdomain(group));
        }

        ReferenceValidation.KindAndName(reference, path, causes);
    }

    private static void Tls(IReadOnlyList<JsonObject> tls, List<StatusCause> causes)
    {
        for (var t = 0; t < tls.Count; t++)
        {
            var hosts = tls[t].Strings("hosts");
            for (var h = 0; h < hosts.Count; h++)
            {
                FieldErrors.AddInvalid(causes, $"spec.tls[{t}].hosts[{h}]", hosts[h], NetworkNames.Host(hosts[h]));
            }

            if (tls[t].String("secretName") is { Length: > 0 } secret)
            {
                FieldErrors.AddInvalid(causes, $"spec.tls[{t}].secretName", secret, NameValidation.Dns1123Subdomain(secret));
            }
        }
    }
}
