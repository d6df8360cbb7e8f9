using Orchestrator.Host.Memory;

namespace Orchestrator.Host.Up;

/// <summary>
/// Start-up leaves most of the GC heap as garbage (parsed kubeconfigs, initial lists, JSON metadata, TLS handshakes),
/// and the workstation GC sizes its gen0 budget from the L3 cache, so on a machine with a large L3 nothing collects
/// it for minutes: an idle <c>up</c> would keep it resident. One full compacting collection once the cluster is ready
/// returns it to the OS (−20 MiB of RSS); afterwards <see cref="IdleTrimmer"/> does the same whenever the process idles.
/// </summary>
internal static class UpMemory
{
    /// <summary>Collects everything once, compacting and decommitting; says what it freed and what the pause cost.</summary>
    public static string ReleaseStartupGarbage()
    {
        var before = GC.GetTotalMemory(forceFullCollection: false);
        var paused = GC.GetTotalPauseDuration();
        IdleTrimmer.Collect();
        var pause = GC.GetTotalPauseDuration() - paused;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"start-up garbage released: GC heap {before >> 20} → {GC.GetTotalMemory(forceFullCollection: false) >> 20} MiB, pause {pause.TotalMilliseconds:0} ms");
    }
}
