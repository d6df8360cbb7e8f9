using static Orchestrator.ApiServer.Selectors.FieldSelectorFields;

namespace Orchestrator.ApiServer.Registry.Apps.ReplicaSets;

/// <summary>ReplicaSets (upstream pkg/registry/apps/replicaset/strategy.go): the workload rules, SetDefaults_ReplicaSet, selectable by status.replicas.</summary>
internal sealed class ReplicaSetStrategy() : WorkloadStrategy(new ReplicaSetPrinter(), hasReplicas: true, Selectable)
{
    private static readonly SelectableFields Selectable = new(Metadata(Field("status.replicas", "0")), NotSupported);

    public override void Default(JsonObject obj, bool create) => ReplicaSetDefaults.Apply(obj);
}
