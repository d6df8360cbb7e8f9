namespace Orchestrator.Kubelet.Probes;

/// <summary>A probe's timing and thresholds with upstream's defaults filled in (period 10 s, timeout 1 s, success 1, failure 3).</summary>
internal sealed record ProbeSettings(TimeSpan InitialDelay, TimeSpan Period, TimeSpan Timeout, int SuccessThreshold, int FailureThreshold)
{
    public static ProbeSettings Of(V1Probe probe) => new(
        TimeSpan.FromSeconds(Math.Max(0, probe.InitialDelaySeconds ?? 0)),
        TimeSpan.FromSeconds(probe.PeriodSeconds is > 0 and var period ? period : 10),
        TimeSpan.FromSeconds(probe.TimeoutSeconds is > 0 and var timeout ? timeout : 1),
        probe.SuccessThreshold is > 0 and var success ? success : 1,
        probe.FailureThreshold is > 0 and var failure ? failure : 3);
}
