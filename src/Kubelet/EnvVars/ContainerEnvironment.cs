using Orchestrator.Kubelet.DownwardApi;

namespace Orchestrator.Kubelet.EnvVars;

/// <summary>
/// Upstream's <c>makeEnvironmentVariables</c>: a container's environment from envFrom (configMaps and
/// secrets, with prefix; invalid names skipped with an InvalidEnvironmentVariableNames event), then
/// env in order (<c>$(VAR)</c> expanded against what is defined so far and the service variables;
/// valueFrom fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef), then the service variables
/// not already defined. Variables keep the position of their first definition.
/// </summary>
internal static class ContainerEnvironment
{
    /// <exception cref="ContainerConfigException">A non-optional configMap, secret or key is missing, or a field is unsupported.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Build(
        V1Pod pod,
        V1Container container,
        string podIp,
        string hostIp,
        IVolumeSources sources,
        IReadOnlyDictionary<string, string>? serviceEnv = null,
        IDictionary<string, ResourceQuantity>? nodeAllocatable = null,
        IEventRecorder? events = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(sources);
        var ns = pod.Metadata?.NamespaceProperty ?? string.Empty;
        var refs = new SourceCache(sources, ns);
        var env = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var from in container.EnvFrom ?? [])
        {
            AddEnvFrom(pod, from, refs, env, events);
        }

        var mapping = VarExpansion.MappingFor((IReadOnlyDictionary<string, string>)env, serviceEnv);
        foreach (var variable in container.Env ?? [])
        {
            var value = variable.Value;
            if (!string.IsNullOrEmpty(value))
            {
                value = VarExpansion.Expand(value, mapping);
            }
            else if (variable.ValueFrom is { } from)
            {
                var resolved = Resolve(pod, container, from, podIp, hostIp, refs, nodeAllocatable);
                if (resolved is null)
                {
                    continue; // optional source or key missing: the variable is not set
                }

                value = resolved;
            }

            env[variable.Name] = value ?? string.Empty;
        }

        var result = env.ToList();
        foreach (var (name, value) in (serviceEnv ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!env.ContainsKey(name))
            {
                result.Add(new(name, value));
            }
        }

        return result;
    }

    /// <summary>The CRI <c>KeyValue</c>s of a CreateContainer request's envs, in order.</summary>
    public static IEnumerable<KeyValue> ToCri(IEnumerable<KeyValuePair<string, string>> env) =>
        env.Select(p => new KeyValue { Key = p.Key, Value = p.Value });

    private static void AddEnvFrom(V1Pod pod, V1EnvFromSource from, SourceCache refs, OrderedDictionary<string, string> env, IEventRecorder? events)
    {
        var (kind, name, optional, data) = from switch
        {
            { ConfigMapRef: { } cm } => ("configMap", cm.Name, cm.Optional == true, ConfigMapData(refs.ConfigMap(cm.Name))),
            { SecretRef: { } s } => ("secret", s.Name, s.Optional == true, SecretStrings(refs.Secret(s.Name))),
            _ => throw new ContainerConfigException("envFrom must name a configMapRef or a secretRef"),
        };
        if (data is null)
        {
            if (optional)
            {
                return;
            }

            throw new ContainerConfigException($"{kind.ToLowerInvariant()} \"{name}\" not found");
        }

        var invalid = new List<string>();
        foreach (var (key, value) in data.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var varName = (from.Prefix ?? string.Empty) + key;
            if (!EnvVarName.IsValid(varName))
            {
                invalid.Add(varName);
                continue;
            }

            env[varName] = value;
        }

        if (invalid.Count > 0)
        {
            invalid.Sort(StringComparer.Ordinal);
            events?.Record(pod, "Warning", "InvalidEnvironmentVariableNames",
                $"Keys [{string.Join(", ", invalid)}] from the EnvFrom {kind} {pod.Metadata?.NamespaceProperty}/{name} were skipped since they are considered invalid environment variable names.");
        }
    }

    private static string? Resolve(V1Pod pod, V1Container container, V1EnvVarSource from, string podIp, string hostIp, SourceCache refs, IDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        var ns = pod.Metadata?.NamespaceProperty;
        try
        {
            switch (from)
            {
                case { FieldRef: { } field }:
                    return PodFieldValue.Resolve(field, pod, Ips(podIp), Ips(hostIp));
                case { ResourceFieldRef: { } resource }:
                    return ResourceFieldValue.Extract(resource, pod, container, nodeAllocatable);
                case { ConfigMapKeyRef: { } key }:
                    var configMap = refs.ConfigMap(key.Name);
                    if (configMap is null)
                    {
                        return key.Optional == true ? null : throw new ContainerConfigException($"configmap \"{key.Name}\" not found");
                    }

                    if (configMap.Data?.TryGetValue(key.Key, out var value) == true)
                    {
                        return value;
                    }

                    return key.Optional == true ? null : throw new ContainerConfigException($"couldn't find key {key.Key} in ConfigMap {ns}/{key.Name}");
                case { SecretKeyRef: { } key }:
                    var secret = refs.Secret(key.Name);
                    if (secret is null)
                    {
                        return key.Optional == true ? null : throw new ContainerConfigException($"secret \"{key.Name}\" not found");
                    }

                    if (SecretData.Of(secret).TryGetValue(key.Key, out var bytes))
                    {
                        return Encoding.UTF8.GetString(bytes);
                    }

                    return key.Optional == true ? null : throw new ContainerConfigException($"couldn't find key {key.Key} in Secret {ns}/{key.Name}");
                default:
                    throw new ContainerConfigException("valueFrom must name a fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef");
            }
        }
        catch (DownwardApiException e)
        {
            throw new ContainerConfigException(e.Message, e);
        }
    }

    private static IDictionary<string, string>? ConfigMapData(V1ConfigMap? configMap) =>
        configMap is null ? null : configMap.Data ?? new Dictionary<string, string>();

    private static Dictionary<string, string>? SecretStrings(V1Secret? secret) =>
        secret is null ? null : SecretData.Of(secret).ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(p.Value), StringComparer.Ordinal);

    private static string[] Ips(string ip) => string.IsNullOrEmpty(ip) ? [] : ip.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
