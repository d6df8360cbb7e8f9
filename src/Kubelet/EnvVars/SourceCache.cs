namespace Orchestrator.Kubelet.EnvVars;

/// <summary>The configMaps and secrets one environment build has read: each is read once, so every variable sees the same version.</summary>
internal sealed class SourceCache(IVolumeSources sources, string ns)
{
    private readonly Dictionary<string, V1ConfigMap?> _configMaps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, V1Secret?> _secrets = new(StringComparer.Ordinal);

    public V1ConfigMap? ConfigMap(string name)
    {
        if (!_configMaps.TryGetValue(name, out var configMap))
        {
            configMap = sources.GetConfigMap(ns, name);
            _configMaps[name] = configMap;
        }

        return configMap;
    }

    public V1Secret? Secret(string name)
    {
        if (!_secrets.TryGetValue(name, out var secret))
        {
            secret = sources.GetSecret(ns, name);
            _secrets[name] = secret;
        }

        return secret;
    }
}
