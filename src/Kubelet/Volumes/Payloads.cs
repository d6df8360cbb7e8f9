namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Upstream's MakePayload of the configMap and secret volume plugins: every key (data, then
/// binaryData) as a file with the default mode, or only the listed items (key to path, own mode);
/// a missing listed key is an error unless the source is optional.
/// </summary>
internal static class Payloads
{
    /// <summary>The API's default for defaultMode and item modes: 0644.</summary>
    public const int DefaultMode = 420;

    public static Dictionary<string, FileProjection> ForConfigMap(IList<V1KeyToPath>? items, V1ConfigMap? configMap, int? defaultMode, bool optional)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap?.Data ?? new Dictionary<string, string>())
        {
            data[key] = Encoding.UTF8.GetBytes(value);
        }

        foreach (var (key, value) in configMap?.BinaryData ?? new Dictionary<string, byte[]>())
        {
            data.TryAdd(key, value);
        }

        return Make(items, data, defaultMode, optional, "configmap references non-existent config key: ");
    }

    public static Dictionary<string, FileProjection> ForSecret(IList<V1KeyToPath>? items, V1Secret? secret, int? defaultMode, bool optional) =>
        Make(items, secret is null ? new Dictionary<string, byte[]>() : SecretData.Of(secret), defaultMode, optional, "references non-existent secret key: ");

    /// <summary>The source, or an upstream-worded "not found" error when it is missing and not optional (a missing optional source projects nothing).</summary>
    public static T? Required<T>(T? obj, bool? optional, string kind, string name)
        where T : class =>
        obj is null && optional != true ? throw new VolumeSetupException($"{kind} \"{name}\" not found") : obj;

    private static Dictionary<string, FileProjection> Make(IList<V1KeyToPath>? items, IReadOnlyDictionary<string, byte[]> data, int? defaultMode, bool optional, string missingKey)
    {
        var mode = defaultMode ?? DefaultMode;
        var payload = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        if (items is null || items.Count == 0)
        {
            foreach (var (key, value) in data)
            {
                payload[key] = new FileProjection(value, mode);
            }

            return payload;
        }

        foreach (var item in items)
        {
            if (!data.TryGetValue(item.Key, out var value))
            {
                if (optional)
                {
                    continue;
                }

                throw new VolumeSetupException(missingKey + item.Key);
            }

            payload[item.Path] = new FileProjection(value, item.Mode ?? mode);
        }

        return payload;
    }
}
