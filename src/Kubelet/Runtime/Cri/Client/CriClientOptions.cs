using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Kubelet.Runtime.Cri.Client;

/// <summary>
/// Timeouts and logging of a <see cref="CriClient"/>. A deadline is applied only to calls whose
/// caller did not set one; the defaults follow upstream's kubelet.
/// </summary>
public sealed record CriClientOptions
{
    /// <summary>
    /// Deadline of an ordinary CRI call (upstream's <c>--runtime-request-timeout</c>, 2 minutes).
    /// RunPodSandbox gets twice this, as upstream (starting the pause container and CNI can be slow).
    /// </summary>
    public TimeSpan RuntimeRequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Deadline of PullImage. Upstream puts none on pulls; we bound them so that a stuck registry
    /// cannot hold a pod worker forever: 5 minutes by default, <see cref="Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan ImagePullTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long opening the socket or pipe may take before the call fails.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where each call's debug line goes.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RuntimeRequestTimeout, TimeSpan.Zero, nameof(RuntimeRequestTimeout));
        if (ImagePullTimeout <= TimeSpan.Zero && ImagePullTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(ImagePullTimeout), ImagePullTimeout, "must be positive or Timeout.InfiniteTimeSpan");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentNullException.ThrowIfNull(LoggerFactory);
    }
}
