namespace Orchestrator.Kubelet.EnvVars;

/// <summary>
/// Upstream's service links (<c>getServiceEnvVarMap</c> + <c>envvars.FromServices</c>): for every
/// service with a cluster IP in the pod's namespace (when enableServiceLinks, the default) and
/// always the master service default/kubernetes, <c>NAME_SERVICE_HOST</c>, <c>NAME_SERVICE_PORT</c>,
/// <c>NAME_SERVICE_PORT_PORTNAME</c> and the Docker link variables <c>NAME_PORT…</c>.
/// </summary>
internal static class ServiceEnvironment
{
    private const string MasterServiceNamespace = "default";
    private const string MasterService = "kubernetes";

    /// <summary>The variables for <paramref name="pod"/>, given every service the kubelet knows (any namespace).</summary>
    public static IReadOnlyDictionary<string, string> For(V1Pod pod, IEnumerable<V1Service> services)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(services);
        var ns = pod.Metadata?.NamespaceProperty;
        var links = pod.Spec?.EnableServiceLinks ?? true;
        var byName = new Dictionary<string, V1Service>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (service.Spec?.ClusterIP is null or "" or "None")
            {
                continue;
            }

            var name = service.Metadata.Name;
            if (service.Metadata.NamespaceProperty == MasterServiceNamespace && name == MasterService)
            {
                byName.TryAdd(name, service);
            }
            else if (service.Metadata.NamespaceProperty == ns && links)
            {
                byName[name] = service;
            }
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in byName.Values)
        {
            Add(env, service);
        }

        return env;
    }

    private static void Add(Dictionary<string, string> env, V1Service service)
    {
        var prefix = VariableName(service.Metadata.Name);
        var ip = service.Spec.ClusterIP;
        var ports = service.Spec.Ports ?? [];
        env[prefix + "_SERVICE_HOST"] = ip;
        if (ports.Count == 0)
        {
            return;
        }

        env[prefix + "_SERVICE_PORT"] = Port(ports[0]);
        foreach (var port in ports.Where(p => !string.IsNullOrEmpty(p.Name)))
        {
            env[prefix + "_SERVICE_PORT_" + VariableName(port.Name)] = Port(port);
        }

        var host = ip.Contains(':', StringComparison.Ordinal) ? "[" + ip + "]" : ip; // net.JoinHostPort
        for (var i = 0; i < ports.Count; i++)
        {
            var protocol = string.IsNullOrEmpty(ports[i].Protocol) ? "TCP" : ports[i].Protocol;
            var url = $"{protocol.ToLowerInvariant()}://{host}:{Port(ports[i])}";
            if (i == 0)
            {
                env[prefix + "_PORT"] = url; // Docker special-cases the first port
            }

            var portPrefix = $"{prefix}_PORT_{Port(ports[i])}_{protocol.ToUpperInvariant()}";
            env[portPrefix] = url;
            env[portPrefix + "_PROTO"] = protocol.ToLowerInvariant();
            env[portPrefix + "_PORT"] = Port(ports[i]);
            env[portPrefix + "_ADDR"] = ip;
        }
    }

    private static string VariableName(string name) => name.Replace('-', '_').ToUpperInvariant();

    private static string Port(V1ServicePort port) => port.Port.ToString(CultureInfo.InvariantCulture);
}
