using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Orchestrator.Bench;

internal sealed class JitListener : EventListener
{
    public ConcurrentDictionary<string, int> Methods { get; } = new();

    public bool On { get; set; }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x10);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!On || eventData.EventName is not "MethodLoadVerbose_V2" and not "MethodLoadVerbose_V1" and not "MethodLoadVerbose")
        {
            return;
        }

        var ns = eventData.Payload![eventData.PayloadNames!.IndexOf("MethodNamespace")] as string;
        var name = eventData.Payload![eventData.PayloadNames!.IndexOf("MethodName")] as string;
        Methods.AddOrUpdate(ns + "::" + name, 1, (_, c) => c + 1);
    }
}
