namespace Orchestrator.Kubelet.Probes;

/// <summary>
/// Consecutive-result counting (upstream worker.doProbe): a result takes effect only after
/// successThreshold successes or failureThreshold failures in a row. Not thread-safe: one worker owns it.
/// </summary>
internal sealed class ProbeCounter(int successThreshold, int failureThreshold)
{
    private bool? _last;
    private int _run;

    /// <summary>Records one attempt; returns the result to publish, or null while the run is below its threshold.</summary>
    public bool? Observe(bool success)
    {
        if (_last == success)
        {
            _run++;
        }
        else
        {
            _last = success;
            _run = 1;
        }

        return _run >= (success ? successThreshold : failureThreshold) ? success : null;
    }
}
