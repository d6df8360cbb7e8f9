using System.Text.RegularExpressions;

namespace Orchestrator.ApiServer.CustomResources;

/// <summary>
/// Upstream's CompareKubeAwareVersionStrings: GA versions first (v2 before v1), then beta (v1beta2, v1beta1),
/// then alpha, each by major then minor number, highest first; anything else after them, in name order.
/// </summary>
internal sealed partial class KubeVersionOrder : IComparer<string>
{
    public static readonly KubeVersionOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Parse(x ?? "");
        var b = Parse(y ?? "");
        if (a.Stage != b.Stage)
        {
            return a.Stage.CompareTo(b.Stage);
        }

        if (a.Stage == 3)
        {
            return string.CompareOrdinal(x, y);
        }

        return a.Major != b.Major ? b.Major.CompareTo(a.Major) : b.Minor.CompareTo(a.Minor);
    }

    /// <summary>Stage 0 GA, 1 beta, 2 alpha, 3 not a Kubernetes version.</summary>
    private static (int Stage, int Major, int Minor) Parse(string version)
    {
        var match = VersionPattern().Match(version);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var major))
        {
            return (3, 0, 0);
        }

        if (match.Groups[2].Value.Length == 0)
        {
            return (0, major, 0);
        }

        var minor = int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (match.Groups[2].Value == "beta" ? 1 : 2, major, minor);
    }

    [GeneratedRegex("^v([1-9][0-9]{0,8})(?:(alpha|beta)([1-9][0-9]{0,8}))?$")]
    private static partial Regex VersionPattern();
}
