namespace Orchestrator.Kubelet.Node.Windows;

/// <summary>
/// A Windows build as the node label <c>node.kubernetes.io/windows-build</c> carries it: Major.Minor.Build
/// (upstream's winstats.OSInfo.GetBuild, e.g. 10.0.17763 for Windows Server 2019, 10.0.20348 for 2022).
/// </summary>
public readonly record struct WindowsBuild(int Major, int Minor, int Build)
{
    /// <summary>The label upstream's kubelet sets on Windows nodes (k8s.io/api LabelWindowsBuild).</summary>
    public const string Label = "node.kubernetes.io/windows-build";

    /// <summary>Parses "Major.Minor.Build" (three non-negative integers, nothing else).</summary>
    public static bool TryParse(string? text, out WindowsBuild build)
    {
        build = default;
        var parts = text?.Split('.') ?? [];
        if (parts.Length != 3 || !parts.All(p => p.Length is > 0 and <= 9 && p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        build = new WindowsBuild(Number(parts[0]), Number(parts[1]), Number(parts[2]));
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Build}");

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
