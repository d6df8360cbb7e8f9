using System.Diagnostics.Tracing;

namespace Orchestrator.Bench;

/// <summary>
/// The runtime's allocation sampling (one GCAllocationTick event per ~100 KB allocated, naming the type of
/// the object that crossed the mark), summed per type: which types a create's bytes go to, without a tracer.
/// </summary>
internal sealed class AllocationSampler : RuntimeEventRecorder<List<(string Type, long Bytes)>>
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);

    protected override EventKeywords Keywords => (EventKeywords)0x1; // GC

    /// <summary>Types by sampled bytes, largest first.</summary>
    protected override List<(string Type, long Bytes)> Result() =>
        [.. _bytes.OrderByDescending(entry => entry.Value).Select(entry => (entry.Key, entry.Value))];

    protected override void Record(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true)
        {
            return;
        }

        var type = eventData.Payload![eventData.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }
}
