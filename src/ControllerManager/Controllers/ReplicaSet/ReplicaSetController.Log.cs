namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

internal sealed partial class ReplicaSetController
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "ReplicaSet {Key}: scaling {Direction} by {Count} pods (want {Replicas})")]
    private static partial void LogScaling(ILogger logger, string key, string direction, int count, int replicas);
}
