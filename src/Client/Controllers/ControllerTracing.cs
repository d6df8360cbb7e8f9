using System.Diagnostics;
using Orchestrator.Client.Tracing;

namespace Orchestrator.Client;

/// <summary>
/// The span of one reconcile (<c>Reconcile</c>, attributes <c>controller</c>, <c>key</c> and <c>result</c>): a new
/// trace per key processed, sampled by the ratio, whose API calls are its children (HttpClient sends the
/// <c>traceparent</c>). Null with tracing off.
/// </summary>
internal static class ControllerTracing
{
    public static Activity? Start(string controller, NamespacedName key)
    {
        // A worker is not inside any span, but say so: a reconcile always starts its own trace.
        var span = TracingSources.Controllers.StartActivity("Reconcile", ActivityKind.Internal, parentContext: default(ActivityContext));
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("controller", controller);
            span.SetTag("key", key.ToString());
        }

        return span;
    }

    /// <summary>The outcome, as counted in <c>orchestrator_controller_reconcile_total</c>'s result label.</summary>
    public static void Finish(Activity? span, string result, Exception? error = null)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag("result", result);
        if (error is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, error.Message);
        }
    }
}
