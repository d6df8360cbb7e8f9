using System.Text;
using k8s.Models;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// A secret's values as bytes. Our API server stores stringData as written (upstream merges it into
/// data on write), so it is merged here the same way: a stringData key wins over the same data key.
/// </summary>
internal static class SecretData
{
    public static IReadOnlyDictionary<string, byte[]> Of(V1Secret secret)
    {
        var data = secret.Data is { } d ? new Dictionary<string, byte[]>(d, StringComparer.Ordinal) : new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
        {
            data[key] = Encoding.UTF8.GetBytes(value);
        }

        return data;
    }
}
