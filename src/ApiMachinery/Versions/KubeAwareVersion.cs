namespace Orchestrator.ApiMachinery.Versions;

/// <summary>
/// apimachinery's CompareKubeAwareVersionStrings: "kube-like" versions (v1, v2beta3, v1alpha1) rank above any other
/// string; among them GA above beta above alpha, then the higher major, then the higher minor; other strings rank in
/// reverse lexical order (foo1 before foo10). Positive: <c>a</c> has the higher priority. Used for the preferred
/// version of an aggregated group and of a CustomResourceDefinition's group.
/// </summary>
public static partial class KubeAwareVersion
{
    /// <summary>Sorts versions highest priority first (v2, v1, v1beta1, v1alpha1, then other names in order).</summary>
    public static IComparer<string> HighestFirst { get; } = Comparer<string>.Create((a, b) => Compare(b, a));

    public static int Compare(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }

        var left = Parse(a);
        var right = Parse(b);
        return (left, right) switch
        {
            (null, null) => string.CompareOrdinal(b, a),
            (null, _) => -1,
            (_, null) => 1,
            var (l, r) when l.Value.Stability != r.Value.Stability => l.Value.Stability - r.Value.Stability,
            var (l, r) when l.Value.Major != r.Value.Major => l.Value.Major.CompareTo(r.Value.Major),
            var (l, r) => l.Value.Minor.CompareTo(r.Value.Minor),
        };
    }

    private static (int Stability, long Major, long Minor)? Parse(string version)
    {
        var match = KubeVersion().Match(version);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }

        if (!match.Groups[2].Success)
        {
            return (2, major, 0);
        }

        _ = long.TryParse(match.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor);
        return (match.Groups[2].Value == "beta" ? 1 : 0, major, minor);
    }

    [GeneratedRegex(@"^v(\d+)(?:(alpha|beta)(\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex KubeVersion();
}
