namespace Orchestrator.Scheduler.Framework;

/// <summary>Why a pod fits no node: the status per rejected node, or one PreFilter status for all of them.</summary>
public sealed class Diagnosis
{
    public Dictionary<string, Status> NodeToStatus { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when a PreFilter plugin rejected the pod for every node.</summary>
    public Status? PreFilterStatus { get; set; }
}
