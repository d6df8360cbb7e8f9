namespace Orchestrator.ApiMachinery.Images;

/// <summary>
/// What a node runs, from its labels: <c>kubernetes.io/os</c>, <c>kubernetes.io/arch</c> and, on Windows,
/// <c>node.kubernetes.io/windows-build</c> (<c>Major.Minor.Build</c>, e.g. <c>10.0.17763</c>).
/// </summary>
/// <param name="Os">The node's OS (<c>linux</c> when the label is absent, as the scheduler assumes).</param>
/// <param name="Architecture">The node's architecture, or null when unknown (any architecture is then accepted).</param>
/// <param name="WindowsBuild">The node's Windows build, or null when unknown (any Windows version is then accepted).</param>
public sealed record NodePlatform(string Os, string? Architecture = null, string? WindowsBuild = null)
{
    public const string OsLabel = "kubernetes.io/os";
    public const string ArchLabel = "kubernetes.io/arch";
    public const string WindowsBuildLabel = "node.kubernetes.io/windows-build";

    private const int MaxShared = 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string?, string?), NodePlatform> Shared = new();

    /// <summary>
    /// The platform the labels describe (os defaults to linux; missing arch or build mean "unknown"). Nodes with the
    /// same labels get the same instance (up to 1,024 distinct platforms), so a caller may remember a per-platform
    /// answer by reference: thousands of nodes usually share a handful of platforms.
    /// </summary>
    public static NodePlatform FromLabels(IDictionary<string, string>? labels)
    {
        string? Label(string key) => labels is not null && labels.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        var key = (Label(OsLabel) ?? "linux", Label(ArchLabel), Label(WindowsBuildLabel));
        if (Shared.TryGetValue(key, out var shared))
        {
            return shared;
        }

        var platform = new NodePlatform(key.Item1, key.Item2, key.Item3);
        return Shared.Count < MaxShared ? Shared.GetOrAdd(key, platform) : platform;
    }
}
