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

    /// <summary>The platform the labels describe (os defaults to linux; missing arch or build mean "unknown").</summary>
    public static NodePlatform FromLabels(IDictionary<string, string>? labels)
    {
        string? Label(string key) => labels is not null && labels.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        return new NodePlatform(Label(OsLabel) ?? "linux", Label(ArchLabel), Label(WindowsBuildLabel));
    }
}
