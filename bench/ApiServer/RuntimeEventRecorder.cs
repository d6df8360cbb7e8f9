using System.Diagnostics.Tracing;

namespace Orchestrator.Bench;

/// <summary>
/// What the benchmarks' in-process listeners to the runtime's own events share: the runtime source enabled for
/// <see cref="Keywords"/> at verbose level, and events passed on to <see cref="Record"/> only between
/// <see cref="Start"/> and <see cref="Stop"/>, under one lock.
/// </summary>
internal abstract class RuntimeEventRecorder<T> : EventListener
{
    private readonly Lock _gate = new();
    private bool _recording;

    /// <summary>The runtime event keywords to enable (a constant: the base constructor asks before derived fields are set).</summary>
    protected abstract EventKeywords Keywords { get; }

    public void Start() => _recording = true;

    /// <summary>Stops recording and returns what was recorded.</summary>
    public T Stop()
    {
        _recording = false;
        lock (_gate)
        {
            return Result();
        }
    }

    /// <summary>Records one event (called under the lock).</summary>
    protected abstract void Record(EventWrittenEventArgs eventData);

    /// <summary>The recording's result (called under the lock).</summary>
    protected abstract T Result();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, Keywords);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.PayloadNames is null)
        {
            return;
        }

        lock (_gate)
        {
            Record(eventData);
        }
    }
}
