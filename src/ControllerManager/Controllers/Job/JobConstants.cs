namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>Well-known names the Job controller shares with the API and with upstream tooling.</summary>
internal static class JobConstants
{
    public const string TrackingFinalizer = "batch.kubernetes.io/job-tracking";
    public const string CompletionIndexAnnotation = "batch.kubernetes.io/job-completion-index";
    public const string CompletionIndexLabel = "batch.kubernetes.io/job-completion-index";
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";
    public const string LegacyControllerUidLabel = "controller-uid";
    public const string LegacyJobNameLabel = "job-name";

    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string FailureTarget = "FailureTarget";
    public const string SuccessCriteriaMet = "SuccessCriteriaMet";
    public const string Suspended = "Suspended";

    public const string BackoffLimitExceeded = "BackoffLimitExceeded";
    public const string DeadlineExceeded = "DeadlineExceeded";

    public const string IndexedCompletion = "Indexed";

    /// <summary>Upstream DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff.</summary>
    public static readonly TimeSpan PodFailureBackOff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxPodFailureBackOff = TimeSpan.FromMinutes(6);

    /// <summary>Upstream MaxPodCreateDeletePerSync.</summary>
    public const int MaxPodCreateDeletePerSync = 500;
}
