using static Orchestrator.ApiServer.Selectors.FieldSelectorFields;

namespace Orchestrator.ApiServer.Registry.Core.Events;

/// <summary>
/// Events, core/v1 and events.k8s.io/v1 alike (upstream serves both from pkg/registry/core/event):
/// the same event under different field names (<see cref="EventFields"/>), selectable by the object it
/// is about, reason, reporting component, source and type. A PUT may create.
/// </summary>
internal sealed class EventStrategy(EventFields fields) : ResourceStrategy(new EventPrinter(fields), Selectable(fields))
{
    public override bool AllowCreateOnUpdate => true;

    private static SelectableFields Selectable(EventFields fields) => new(
        Metadata(
            [.. ObjectReference(fields.Regarding),
             Field("reason"),
             Field(fields.ReportingController),
             ("source", o => FirstText(o, $"{fields.Source}.component", fields.ReportingController)),
             Field("type")]),
        NotSupported);
}
