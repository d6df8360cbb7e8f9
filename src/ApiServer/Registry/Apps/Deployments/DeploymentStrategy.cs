namespace Orchestrator.ApiServer.Registry.Apps.Deployments;

/// <summary>Deployments (upstream pkg/registry/apps/deployment/strategy.go): the workload rules and SetDefaults_Deployment.</summary>
internal sealed class DeploymentStrategy() : WorkloadStrategy(new DeploymentPrinter(), hasReplicas: true)
{
    public override void Default(JsonObject obj, bool create) => DeploymentDefaults.Apply(obj);
}
