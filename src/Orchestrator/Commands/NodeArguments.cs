namespace Orchestrator.Host.Commands;

/// <summary>Parses kubelet-style --node-labels ("k=v,k2=v2") and --register-with-taints ("k=v:Effect,k:Effect").</summary>
internal static class NodeArguments
{
    public static Dictionary<string, string> Labels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"label \"{pair}\" is not key=value");
            }

            labels[pair[..equals]] = pair[(equals + 1)..];
        }

        return labels;
    }

    public static List<V1Taint> Taints(string text)
    {
        var taints = new List<V1Taint>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = item.LastIndexOf(':');
            var effect = colon > 0 ? item[(colon + 1)..] : string.Empty;
            if (effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
            {
                throw new UsageException($"taint \"{item}\" needs an effect: key[=value]:NoSchedule|PreferNoSchedule|NoExecute");
            }

            var keyValue = item[..colon];
            var equals = keyValue.IndexOf('=', StringComparison.Ordinal);
            taints.Add(equals < 0
                ? new V1Taint { Key = keyValue, Effect = effect }
                : new V1Taint { Key = keyValue[..equals], Value = keyValue[(equals + 1)..], Effect = effect });
        }

        return taints;
    }
}
