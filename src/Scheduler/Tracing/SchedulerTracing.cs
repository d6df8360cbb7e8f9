using System.Diagnostics;
using Orchestrator.Client.Tracing;

namespace Orchestrator.Scheduler.Tracing;

/// <summary>
/// The scheduler's spans, named after upstream's schedule_one.go: <c>schedulingCycle</c> (a new trace per pod
/// attempt: the pod, the nodes evaluated and feasible, the result and the node chosen) and <c>bindingCycle</c>, its
/// child (PreBind and the POST of pods/binding, whose API span is a child in turn). Null with tracing off.
/// </summary>
internal static class SchedulerTracing
{
    public static Activity? StartCycle(V1Pod pod, int attempts)
    {
        var span = TracingSources.Scheduler.StartActivity("schedulingCycle", ActivityKind.Internal, parentContext: default(ActivityContext));
        if (span is { IsAllDataRequested: true })
        {
            Describe(span, pod);
            span.SetTag("attempts", attempts);
        }

        return span;
    }

    public static void Scheduled(Activity? span, ScheduleResult result)
    {
        if (span is not { IsAllDataRequested: true })
        {
            return;
        }

        span.SetTag("evaluated_nodes", result.EvaluatedNodes);
        span.SetTag("feasible_nodes", result.FeasibleNodes);
        span.SetTag("result", result.Succeeded ? "scheduled" : "unschedulable");
        if (result.SuggestedHost is { } node)
        {
            span.SetTag("k8s.node.name", node);
        }
        else
        {
            span.SetTag("message", result.FailureMessage);
        }
    }

    public static Activity? StartBinding(V1Pod pod, string node)
    {
        var span = TracingSources.Scheduler.StartActivity("bindingCycle", ActivityKind.Internal);
        if (span is { IsAllDataRequested: true })
        {
            Describe(span, pod);
            span.SetTag("k8s.node.name", node);
        }

        return span;
    }

    public static void Bound(Activity? span, bool bound)
    {
        span?.SetTag("result", bound ? "bound" : "error");
        if (!bound)
        {
            span?.SetStatus(ActivityStatusCode.Error);
        }
    }

    private static void Describe(Activity span, V1Pod pod)
    {
        span.SetTag("k8s.namespace.name", pod.Metadata.NamespaceProperty);
        span.SetTag("k8s.pod.name", pod.Metadata.Name);
        span.SetTag("k8s.pod.uid", pod.Metadata.Uid);
    }
}
