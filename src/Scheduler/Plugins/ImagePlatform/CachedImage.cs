using Platform = Orchestrator.ApiMachinery.Images.ImagePlatform;

namespace Orchestrator.Scheduler.Plugins.ImagePlatform;

/// <summary>One cached answer: the platforms (null: no opinion), the digest they were read from, and when to read again.</summary>
internal sealed record CachedImage(IReadOnlyList<Platform>? Platforms, string? Digest, DateTimeOffset Expires);
