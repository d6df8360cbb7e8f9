namespace Orchestrator.ApiMachinery.Images;

/// <summary>
/// One platform an image runs on, as an OCI image index entry's <c>platform</c> names it (or, for a single
/// manifest, its config's <c>os</c>, <c>architecture</c>, <c>variant</c>, <c>os.version</c>, <c>os.features</c>).
/// Values are as the registry wrote them: <c>linux</c>/<c>amd64</c>, <c>windows</c>/<c>amd64</c> with
/// <c>10.0.17763.1879</c>.
/// </summary>
/// <param name="Os">The <c>os</c> field, e.g. <c>linux</c> or <c>windows</c>.</param>
/// <param name="Architecture">The <c>architecture</c> field, e.g. <c>amd64</c>.</param>
/// <param name="Variant">The <c>variant</c> field (e.g. <c>v8</c>), or null.</param>
/// <param name="OsVersion">The <c>os.version</c> field (Windows: <c>Major.Minor.Build.Revision</c>), or null.</param>
/// <param name="OsFeatures">The <c>os.features</c> field (e.g. <c>win32k</c>); empty when absent.</param>
public sealed record ImagePlatform(string Os, string Architecture, string? Variant = null, string? OsVersion = null, IReadOnlyList<string>? OsFeatures = null);
