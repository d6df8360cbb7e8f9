using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Apps;

/// <summary>
/// What the apps/v1 workloads share (deployments, replica sets, stateful sets, daemon sets): a
/// selector that selects the pod template, a valid template, and a selector fixed once created.
/// </summary>
/// <param name="hasReplicas">Whether the kind has spec.replicas (daemon sets do not).</param>
internal abstract class WorkloadStrategy(ITablePrinter printer, bool hasReplicas, SelectableFields? fieldSelectors = null)
    : ResourceStrategy(printer, fieldSelectors)
{
    public override void Validate(JsonObject obj, List<StatusCause> causes) => WorkloadValidation.Validate(obj, hasReplicas, causes);

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes) =>
        UpdateValidation.Immutable(causes, "spec.selector", current["spec"]?["selector"], updated["spec"]?["selector"]);
}
