using Orchestrator.ApiServer.Selectors;
using Orchestrator.ApiServer.Tables.Printers;
using static Orchestrator.ApiServer.Selectors.FieldSelectorFields;

namespace Orchestrator.ApiServer.Registry.EventsK8sIo.Events;

/// <summary>events.k8s.io/v1 Events: the core Event's table and fields under their new names (regarding, reportingController).</summary>
internal sealed class EventStrategy() : ResourceStrategy(new EventPrinter(EventFields.EventsV1), Selectable)
{
    private static readonly SelectableFields Selectable = new(
        Metadata(
            [.. ObjectReference("regarding"),
             Field("reason"),
             Field("reportingController"),
             ("source", o => FirstText(o, "deprecatedSource.component", "reportingController")),
             Field("type")]),
        NotSupported);
}
