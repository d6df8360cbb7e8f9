namespace Orchestrator.Scheduler.Plugins.ImagePlatform;

/// <summary>How the image-platform plugin caches what registries answer. Defaults are ours (the plugin is not upstream's).</summary>
public sealed record ImagePlatformOptions
{
    /// <summary>How long a tag's platforms are trusted before they are read again (in the background; the old answer serves meanwhile). Default 5 minutes.</summary>
    public TimeSpan TagTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a failed, unreachable or 404 answer means "no opinion" before the registry is asked again. Default 1 minute.</summary>
    public TimeSpan NegativeTtl { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The whole registry read (credentials, HEAD, manifests) is given up after this long. Default 3 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a scheduling cycle waits for a first read of an image before requeueing the pod (it is retried as
    /// soon as the answer is in). Default 100 ms: a local registry answers within it, a slow one costs one short wait per image.
    /// </summary>
    public TimeSpan MissWait { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>References (and, separately, digests) kept at most; the oldest are dropped beyond. Default 4096.</summary>
    public int MaxEntries { get; init; } = 4096;

    public void Validate()
    {
        if (TagTtl <= TimeSpan.Zero || NegativeTtl <= TimeSpan.Zero || Timeout <= TimeSpan.Zero || MissWait < TimeSpan.Zero)
        {
            throw new ArgumentException("image platform TTLs and timeout must be positive, MissWait not negative");
        }

        if (MaxEntries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEntries), MaxEntries, "must be at least 1");
        }
    }
}
