namespace Orchestrator.Host.Memory;

/// <summary>What the GC had allocated in total when the idle trimmer last looked.</summary>
/// <param name="AllocatedBytes">
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>: it only grows, so two samples give what was allocated between them.
/// </param>
internal readonly record struct IdleTrimSample(long AllocatedBytes);
