namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>How often the image-update controller asks registries about tags, and how it backs off (--image-update-*).</summary>
public sealed record ImageUpdateOptions
{
    /// <summary>How often each annotated workload's tags are checked (--image-update-interval, default 5 min).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait after repeated failures to reach a registry for one image (default 1 h).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long one registry request may take (--image-update-request-timeout, default 3 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <exception cref="ArgumentException">A duration that is not positive.</exception>
    public void Validate()
    {
        if (Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--image-update-interval must be positive, not {Interval}");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--image-update-request-timeout must be positive, not {RequestTimeout}");
        }

        if (MaxBackoff < Interval)
        {
            throw new ArgumentException($"the image-update back-off cap ({MaxBackoff}) must not be shorter than --image-update-interval ({Interval})");
        }
    }
}
