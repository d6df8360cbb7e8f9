namespace Orchestrator.ControllerManager.Controllers.Deployment;

internal sealed partial class DeploymentController
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Namespace}/{Name}: created ReplicaSet {ReplicaSet} (revision {Revision}, {Replicas} replicas)")]
    private static partial void LogCreated(ILogger logger, string @namespace, string name, string replicaSet, long revision, int replicas);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {Namespace}/{Name}: pod-template-hash collision on {ReplicaSet}; collisionCount now {CollisionCount}")]
    private static partial void LogCollision(ILogger logger, string @namespace, string name, string replicaSet, int collisionCount);
}
