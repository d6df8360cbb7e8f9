using System.Diagnostics.Tracing;

namespace Orchestrator.Bench;

/// <summary>
/// The methods the JIT compiles while it records (the runtime's MethodLoadVerbose events: namespace, name and
/// optimization tier), so a profile can say what is still being compiled in a measured phase that should be steady.
/// Usage: BENCH_JIT_METHODS=1 bench/apiserver.sh --profile.
/// </summary>
internal sealed class JitLog : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly List<string> _methods = [];
    private readonly Lock _gate = new();
    private bool _recording;

    public void Start() => _recording = true;

    /// <summary>Methods compiled since <see cref="Start"/>, as "tier namespace::name".</summary>
    public List<string> Stop()
    {
        _recording = false;
        lock (_gate)
        {
            return [.. _methods];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
        {
            return;
        }

        string Field(string name) => eventData.PayloadNames.IndexOf(name) is var i and >= 0 ? eventData.Payload![i]?.ToString() ?? "" : "";
        lock (_gate)
        {
            _methods.Add($"{Field("OptimizationTier")} {Field("MethodNamespace")}::{Field("MethodName")}");
        }
    }
}
