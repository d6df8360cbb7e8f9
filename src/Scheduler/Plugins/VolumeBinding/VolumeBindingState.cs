using System.Collections.Concurrent;

namespace Orchestrator.Scheduler.Plugins.VolumeBinding;

/// <summary>
/// What PreFilter learns about the pod's claims for one cycle: the bound ones with their volumes (null when the
/// volume is missing), the WaitForFirstConsumer ones still to bind, the candidate volumes and classes, the
/// volumes other pods have reserved; Filter fills <see cref="ByNode"/> concurrently, Reserve picks one.
/// </summary>
internal sealed class VolumeBindingState
{
    public required IReadOnlyList<(V1PersistentVolumeClaim Claim, V1PersistentVolume? Volume)> Bound { get; init; }

    /// <summary>Unbound delayed-binding claims, smallest request first (upstream's order, so the smallest fits win).</summary>
    public required IReadOnlyList<V1PersistentVolumeClaim> ToBind { get; init; }

    public required IReadOnlyList<V1PersistentVolume> Volumes { get; init; }

    public required IReadOnlyDictionary<string, V1StorageClass?> Classes { get; init; }

    /// <summary>Volumes reserved for claims of other pods, not yet written.</summary>
    public required IReadOnlySet<string> Assumed { get; init; }

    public ConcurrentDictionary<string, PodVolumes> ByNode { get; } = new(StringComparer.Ordinal);

    /// <summary>The decision Reserve took for the chosen node.</summary>
    public PodVolumes? Reserved { get; set; }
}
