namespace Orchestrator.Kubelet.DownwardApi;

/// <summary>
/// Upstream's <c>pkg/fieldpath</c>: the pod metadata fields a downward API volume file or an
/// environment variable can show, and the <c>key="value"</c> format of the labels and annotations files.
/// </summary>
internal static class FieldPath
{
    /// <summary>
    /// Upstream's <c>ExtractFieldPathAsString</c> over a pod: metadata.name, namespace, uid, labels,
    /// annotations, and one label or annotation by subscript (<c>metadata.labels['k']</c>).
    /// </summary>
    public static string Extract(V1Pod pod, string fieldPath)
    {
        var meta = pod.Metadata ?? new V1ObjectMeta();
        if (SplitSubscript(fieldPath) is var (path, subscript))
        {
            switch (path)
            {
                case "metadata.annotations":
                    ValidateSubscript(fieldPath, subscript.ToLowerInvariant());
                    return meta.Annotations?.TryGetValue(subscript, out var a) == true ? a : string.Empty;
                case "metadata.labels":
                    ValidateSubscript(fieldPath, subscript);
                    return meta.Labels?.TryGetValue(subscript, out var l) == true ? l : string.Empty;
                default:
                    throw new DownwardApiException($"fieldPath \"{fieldPath}\" does not support subscript");
            }
        }

        return fieldPath switch
        {
            "metadata.annotations" => FormatMap(meta.Annotations),
            "metadata.labels" => FormatMap(meta.Labels),
            "metadata.name" => meta.Name ?? string.Empty,
            "metadata.namespace" => meta.NamespaceProperty ?? string.Empty,
            "metadata.uid" => meta.Uid ?? string.Empty,
            _ => throw new DownwardApiException($"unsupported fieldPath: {fieldPath}"),
        };
    }

    /// <summary>Upstream's <c>FormatMap</c>: <c>key="value"</c> lines sorted by key (ordinal), values Go-quoted, no final newline.</summary>
    public static string FormatMap(IDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(key).Append('=').Append(GoQuote.Quote(map[key]));
        }

        return sb.ToString();
    }

    /// <summary>Upstream's <c>SplitMaybeSubscriptedPath</c>: <c>path['subscript']</c> into its parts, or null.</summary>
    public static (string Path, string Subscript)? SplitSubscript(string fieldPath)
    {
        if (!fieldPath.EndsWith("']", StringComparison.Ordinal))
        {
            return null;
        }

        var trimmed = fieldPath[..^2];
        var open = trimmed.IndexOf("['", StringComparison.Ordinal);
        return open <= 0 ? null : (trimmed[..open], trimmed[(open + 2)..]);
    }

    private static void ValidateSubscript(string fieldPath, string subscript)
    {
        if (!QualifiedName.IsValid(subscript))
        {
            throw new DownwardApiException($"invalid key subscript in {fieldPath}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
        }
    }
}
