namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>Condition types and reasons of deployments, as upstream names them.</summary>
internal static class DeploymentReasons
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string ReplicaFailure = "ReplicaFailure";

    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string FailedReplicaSetCreate = "ReplicaSetCreateError";
    public const string NewReplicaSetCreated = "NewReplicaSetCreated";
    public const string FoundNewReplicaSet = "FoundNewReplicaSet";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string TimedOut = "ProgressDeadlineExceeded";
    public const string Paused = "DeploymentPaused";
    public const string Resumed = "DeploymentResumed";
    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

    /// <summary>Event reason of every ReplicaSet scaling.</summary>
    public const string ScalingReplicaSet = "ScalingReplicaSet";
}
