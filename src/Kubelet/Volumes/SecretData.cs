namespace Orchestrator.Kubelet.Volumes;

/// <summary>A secret's values as bytes. The API server merges <c>stringData</c> into <c>data</c> on write, as upstream's does.</summary>
internal static class SecretData
{
    public static IReadOnlyDictionary<string, byte[]> Of(V1Secret secret) =>
        secret.Data is { } data
            ? new Dictionary<string, byte[]>(data, StringComparer.Ordinal)
            : new Dictionary<string, byte[]>(StringComparer.Ordinal);
}
