namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// The HPA controller's settings, named after kube-controller-manager's flags; the defaults are upstream's.
/// </summary>
public sealed record HorizontalPodAutoscalerOptions
{
    /// <summary>How often each autoscaler is evaluated (--horizontal-pod-autoscaler-sync-period, 15 s).</summary>
    public TimeSpan SyncPeriod { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How far the usage ratio may stray from 1.0 before the controller scales
    /// (--horizontal-pod-autoscaler-tolerance, 0.1).
    /// </summary>
    public double Tolerance { get; init; } = 0.1;

    /// <summary>
    /// After a pod starts, how long its CPU samples are distrusted unless it is ready and a whole metric window
    /// passed since it became ready (--horizontal-pod-autoscaler-cpu-initialization-period, 5 min).
    /// </summary>
    public TimeSpan CpuInitializationPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After a pod starts, how long an unready pod still counts as never having been ready
    /// (--horizontal-pod-autoscaler-initial-readiness-delay, 30 s).
    /// </summary>
    public TimeSpan InitialReadinessDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The scale-down stabilization window of an autoscaler that sets none
    /// (--horizontal-pod-autoscaler-downscale-stabilization, 5 min).
    /// </summary>
    public TimeSpan DownscaleStabilization { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks the values; call at start-up.</summary>
    /// <exception cref="ArgumentException">With a message naming the flag and what is wrong.</exception>
    public void Validate()
    {
        if (SyncPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException("--horizontal-pod-autoscaler-sync-period must be positive");
        }

        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
        {
            throw new ArgumentException("--horizontal-pod-autoscaler-tolerance must be a number of at least 0");
        }

        if (CpuInitializationPeriod < TimeSpan.Zero || InitialReadinessDelay < TimeSpan.Zero || DownscaleStabilization < TimeSpan.Zero)
        {
            throw new ArgumentException(
                "--horizontal-pod-autoscaler-cpu-initialization-period, --horizontal-pod-autoscaler-initial-readiness-delay and --horizontal-pod-autoscaler-downscale-stabilization must not be negative");
        }
    }
}
