namespace Orchestrator.Kubelet.Pods;

/// <summary>
/// Grace periods come from the API as int64 seconds, and the API accepts any of them (up to
/// int64 max); timers take at most about 49 days. Longer periods wait that long instead of
/// throwing.
/// </summary>
internal static class GracePeriods
{
    /// <summary>The longest wait <see cref="Task.Delay(TimeSpan)"/> accepts.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static TimeSpan FromSeconds(long seconds) =>
        seconds <= 0 ? TimeSpan.Zero
        : seconds >= (long)Longest.TotalSeconds ? Longest
        : TimeSpan.FromSeconds(seconds);
}
