namespace Orchestrator.ApiServer.Registry.Apps.DaemonSets;

/// <summary>DaemonSets (upstream pkg/registry/apps/daemonset/strategy.go): the workload rules without replicas, and SetDefaults_DaemonSet.</summary>
internal sealed class DaemonSetStrategy() : WorkloadStrategy(new DaemonSetPrinter(), hasReplicas: false)
{
    public override void Default(JsonObject obj, bool create) => DaemonSetDefaults.Apply(obj);
}
