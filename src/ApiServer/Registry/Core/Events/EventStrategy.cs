using Orchestrator.ApiServer.Selectors;
using Orchestrator.ApiServer.Tables.Printers;
using static Orchestrator.ApiServer.Selectors.FieldSelectorFields;

namespace Orchestrator.ApiServer.Registry.Core.Events;

/// <summary>core/v1 Events (upstream pkg/registry/core/event/strategy.go): selectable by the involved object, reason, source and type.</summary>
internal sealed class EventStrategy() : ResourceStrategy(new EventPrinter(EventFields.Core), Selectable)
{
    private static readonly SelectableFields Selectable = new(
        Metadata(
            [.. ObjectReference("involvedObject"),
             Field("reason"),
             Field("reportingComponent"),
             ("source", o => FirstText(o, "source.component", "reportingComponent")),
             Field("type")]),
        NotSupported);
}
