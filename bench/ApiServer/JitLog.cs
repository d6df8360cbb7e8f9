using System.Diagnostics.Tracing;

namespace Orchestrator.Bench;

/// <summary>
/// The methods the JIT compiles while it records (the runtime's MethodLoadVerbose events: namespace and name), so a
/// profile can say what is still being compiled in a measured phase that should be steady.
/// Usage: BENCH_JIT_METHODS=1 bench/apiserver.sh --profile.
/// </summary>
internal sealed class JitLog : RuntimeEventRecorder<List<string>>
{
    private readonly List<string> _methods = [];

    protected override EventKeywords Keywords => (EventKeywords)0x10; // JIT

    /// <summary>Methods compiled since <see cref="RuntimeEventRecorder{T}.Start"/>, as "namespace::name".</summary>
    protected override List<string> Result() => [.. _methods];

    protected override void Record(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) != true)
        {
            return;
        }

        string Field(string name) => eventData.PayloadNames!.IndexOf(name) is var i and >= 0 ? eventData.Payload![i]?.ToString() ?? "" : "";
        _methods.Add($"{Field("MethodNamespace")}::{Field("MethodName")}");
    }
}
