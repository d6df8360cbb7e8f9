namespace Orchestrator.Host.Memory;

/// <summary>When an idle process returns its garbage to the operating system (the managed analogue of Go's scavenger).</summary>
/// <param name="Interval">How often the trimmer looks; at most one trim per interval.</param>
/// <param name="BusyAllocation">
/// Allocating more than this within one interval means the process is working (requests, syncs): no trim, so a busy
/// process pays nothing and its gen0 budget does its job. Idle <c>up</c> allocates ~4 MiB per 30 s (lease renewals,
/// endpoint and APIService reconcilers, docs/operations.md "Memory"); a few requests a second already allocate more.
/// </param>
/// <param name="MinimumGarbage">
/// Allocating less than this since the last trim leaves too little garbage to be worth a full collection.
/// </param>
internal sealed record IdleTrimOptions(TimeSpan Interval, long BusyAllocation, long MinimumGarbage)
{
    public static IdleTrimOptions Default { get; } = new(TimeSpan.FromSeconds(30), BusyAllocation: 16L << 20, MinimumGarbage: 1L << 20);
}
