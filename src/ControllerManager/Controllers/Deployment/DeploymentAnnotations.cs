namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>Annotation keys and labels the deployment controller writes (upstream's <c>deploymentutil</c>).</summary>
internal static class DeploymentAnnotations
{
    /// <summary>The rollout sequence number of a ReplicaSet (and the deployment's current one).</summary>
    public const string Revision = "deployment.kubernetes.io/revision";

    /// <summary>Earlier revisions a ReplicaSet served, comma separated (it was rolled back to).</summary>
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";

    /// <summary><c>spec.replicas</c> of the deployment when the ReplicaSet was last scaled.</summary>
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";

    /// <summary><c>spec.replicas + maxSurge</c> of the deployment when the ReplicaSet was last scaled.</summary>
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";

    /// <summary>The label distinguishing the ReplicaSets (and pods) of one deployment's templates.</summary>
    public const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>Longest revision-history annotation kept (upstream's <c>maxRevHistoryLengthInChars</c>).</summary>
    public const int MaxRevisionHistoryLength = 2000;

    /// <summary>Deployment annotations that are not copied to its ReplicaSets.</summary>
    public static readonly IReadOnlySet<string> NotCopied = new HashSet<string>(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        Revision,
        RevisionHistory,
        DesiredReplicas,
        MaxReplicas,
        "deprecated.deployment.rollback.to",
    };
}
