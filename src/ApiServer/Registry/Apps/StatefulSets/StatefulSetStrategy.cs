namespace Orchestrator.ApiServer.Registry.Apps.StatefulSets;

/// <summary>StatefulSets (upstream pkg/registry/apps/statefulset/strategy.go): the workload rules and SetDefaults_StatefulSet.</summary>
internal sealed class StatefulSetStrategy() : WorkloadStrategy(new StatefulSetPrinter(), hasReplicas: true)
{
    public override void Default(JsonObject obj, bool create) => StatefulSetDefaults.Apply(obj);
}
