namespace Orchestrator.Kubelet.Stats.Summary;

/// <summary>How a <see cref="StatsSummary"/> is written: absent values are left out, as Go's omitempty pointers are.</summary>
internal static class SummaryJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };
}
