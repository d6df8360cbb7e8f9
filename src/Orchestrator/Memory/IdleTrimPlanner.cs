namespace Orchestrator.Host.Memory;

/// <summary>Pure decision of the idle trimmer; <see cref="IdleTrimmer"/> applies it.</summary>
internal static class IdleTrimPlanner
{
    /// <summary>
    /// True when the last interval was idle (allocated at most <see cref="IdleTrimOptions.BusyAllocation"/>) and there is
    /// garbage to return (at least <see cref="IdleTrimOptions.MinimumGarbage"/> allocated since the last trim).
    /// </summary>
    /// <param name="lastTrim">The sample taken at the last trim (or when the trimmer started).</param>
    /// <param name="lastLook">The sample taken one interval ago.</param>
    /// <param name="now">The sample taken now.</param>
    public static bool ShouldTrim(IdleTrimSample lastTrim, IdleTrimSample lastLook, IdleTrimSample now, IdleTrimOptions options) =>
        now.AllocatedBytes - lastLook.AllocatedBytes <= options.BusyAllocation
        && now.AllocatedBytes - lastTrim.AllocatedBytes >= options.MinimumGarbage;
}
