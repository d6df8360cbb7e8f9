using Orchestrator.ControllerManager.Controllers.Job;

namespace Orchestrator.ControllerManager.Controllers.CronJob;

/// <summary>Names and Jobs a CronJob creates (upstream getJobName and getJobFromTemplate2).</summary>
internal static class CronJobs
{
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    /// <summary>&lt;cronjob&gt;-&lt;scheduled time in Unix minutes&gt;: the same nominal time always gives the same name.</summary>
    public static string JobName(V1CronJob cronJob, DateTimeOffset scheduled) =>
        cronJob.Metadata.Name + "-" + (scheduled.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture);

    public static V1Job NewJob(V1CronJob cronJob, DateTimeOffset scheduled, TimeZoneInfo zone)
    {
        var template = ObjectCopy.Deep(cronJob.Spec.JobTemplate);
        var annotations = new Dictionary<string, string>(template.Metadata?.Annotations ?? new Dictionary<string, string>())
        {
            [ScheduledTimestampAnnotation] = TimeZoneInfo.ConvertTime(scheduled, zone).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture).Replace("+00:00", "Z", StringComparison.Ordinal),
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = JobName(cronJob, scheduled),
                NamespaceProperty = cronJob.Metadata.NamespaceProperty,
                Labels = template.Metadata?.Labels,
                Annotations = annotations,
                OwnerReferences = [OwnerReferences.NewControllerRef(cronJob.Metadata, "batch/v1", "CronJob")],
            },
            Spec = template.Spec,
        };
    }

    public static bool IsFinished(V1Job job) => JobConditions.IsFinished(job);

    public static bool Succeeded(V1Job job) => JobConditions.IsTrue(job.Status?.Conditions, JobConstants.Complete);
}
