namespace Orchestrator.Kubelet.Backoff;

/// <summary>
/// The shape of a kubelet back-off: the first wait, doubling up to a maximum; an entry idle for twice
/// the maximum starts over. Upstream's numbers for container restarts (CrashLoopBackOff) and image
/// pulls (ImagePullBackOff) alike: 10 s doubling to 5 min, reset after 10 min.
/// </summary>
internal sealed record BackoffPolicy(TimeSpan Initial, TimeSpan Max)
{
    /// <summary>Upstream kubelet's container restart and image pull back-off.</summary>
    public static BackoffPolicy Kubelet { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>How long without a failure before an entry starts over at <see cref="Initial"/> (2 × max).</summary>
    public TimeSpan ResetAfter => Max * 2;

    /// <summary>The wait after <paramref name="current"/>: doubled, at most <see cref="Max"/>.</summary>
    public TimeSpan After(TimeSpan current) => current * 2 > Max ? Max : current * 2;
}
