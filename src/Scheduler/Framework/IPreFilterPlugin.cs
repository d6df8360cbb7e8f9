namespace Orchestrator.Scheduler.Framework;

/// <summary>
/// Runs once per cycle before filtering, on the scheduling thread. Precomputes state into <see cref="CycleState"/>.
/// A non-success status rejects the pod on every node. Returning success and adding the plugin's name to
/// <see cref="CycleState.SkipFilterPlugins"/> skips its Filter for this pod.
/// </summary>
public interface IPreFilterPlugin : IPlugin
{
    Status PreFilter(CycleState state, PodInfo pod, Snapshot snapshot);
}
