namespace Orchestrator.ControllerManager.Controllers.Deployment;

internal sealed partial class DeploymentController
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Namespace}/{Name}: created ReplicaSet {ReplicaSet} (revision {Revision}, {Replicas} replicas)")]
    private partial void LogCreated(string @namespace, string name, string replicaSet, long revision, int replicas);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {Namespace}/{Name}: pod-template-hash collision on {ReplicaSet}; collisionCount now {CollisionCount}")]
    private partial void LogCollision(string @namespace, string name, string replicaSet, int collisionCount);
}
