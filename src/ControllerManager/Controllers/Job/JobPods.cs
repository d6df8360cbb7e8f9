namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>Builds a Job's pods from its template and reads what the Job controller stamped on them.</summary>
internal static class JobPods
{
    /// <summary>Upstream names.MaxGeneratedNameLength: 63 minus the 5 random characters.</summary>
    private const int MaxGeneratedNameLength = 58;

    public static bool IsIndexed(V1Job job) => job.Spec.CompletionMode == JobConstants.IndexedCompletion;

    public static bool HasTrackingFinalizer(V1Pod pod) =>
        pod.Metadata.Finalizers?.Contains(JobConstants.TrackingFinalizer) == true;

    /// <summary>The completion index annotation, or -1 when absent or invalid.</summary>
    public static int CompletionIndex(V1Pod pod) =>
        pod.Metadata.Annotations?.TryGetValue(JobConstants.CompletionIndexAnnotation, out var text) == true
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : -1;

    /// <summary>
    /// A failed pod as upstream counts it: phase Failed, or deleted before it succeeded (an orphan
    /// that will never reach a terminal phase).
    /// </summary>
    public static bool IsFailed(V1Pod pod) =>
        pod.Status?.Phase == "Failed" || (pod.Metadata.DeletionTimestamp is not null && pod.Status?.Phase != "Succeeded");

    public static bool IsSucceeded(V1Pod pod) => pod.Status?.Phase == "Succeeded";

    /// <summary>A new pod for <paramref name="job"/>; <paramref name="index"/> is -1 for NonIndexed Jobs.</summary>
    public static V1Pod New(V1Job job, int index)
    {
        var template = ObjectCopy.Deep(job.Spec.Template);
        var meta = template.Metadata ?? new V1ObjectMeta();
        var labels = new Dictionary<string, string>(meta.Labels ?? new Dictionary<string, string>())
        {
            [JobConstants.ControllerUidLabel] = job.Metadata.Uid,
            [JobConstants.JobNameLabel] = job.Metadata.Name,
            [JobConstants.LegacyControllerUidLabel] = job.Metadata.Uid,
            [JobConstants.LegacyJobNameLabel] = job.Metadata.Name,
        };
        var annotations = new Dictionary<string, string>(meta.Annotations ?? new Dictionary<string, string>());
        var spec = template.Spec;
        var generateName = job.Metadata.Name + "-";
        if (index >= 0)
        {
            var text = index.ToString(CultureInfo.InvariantCulture);
            annotations[JobConstants.CompletionIndexAnnotation] = text;
            labels[JobConstants.CompletionIndexLabel] = text;
            spec.Hostname = job.Metadata.Name + "-" + text;
            generateName = GenerateNameWithIndex(job.Metadata.Name, index);
        }
        else if (generateName.Length > MaxGeneratedNameLength)
        {
            generateName = generateName[..MaxGeneratedNameLength];
        }

        var finalizers = new List<string>(meta.Finalizers ?? []);
        if (!finalizers.Contains(JobConstants.TrackingFinalizer))
        {
            finalizers.Add(JobConstants.TrackingFinalizer);
        }

        return PodFactory.Controlled(
            job.Metadata.NamespaceProperty,
            OwnerReferences.NewControllerRef(job.Metadata, "batch/v1", "Job"),
            new V1ObjectMeta
            {
                GenerateName = generateName,
                Labels = labels,
                Annotations = annotations.Count > 0 ? annotations : null,
                Finalizers = finalizers,
            },
            spec);
    }

    /// <summary>Upstream podGenerateNameWithIndex: <c>&lt;job&gt;-&lt;index&gt;-</c>, the job name truncated to fit.</summary>
    public static string GenerateNameWithIndex(string jobName, int index)
    {
        var suffix = "-" + index.ToString(CultureInfo.InvariantCulture) + "-";
        var prefix = jobName + suffix;
        return prefix.Length > MaxGeneratedNameLength ? jobName[..(MaxGeneratedNameLength - suffix.Length)] + suffix : prefix;
    }

    /// <summary>When the pod finished: the latest container termination, else its deletion or creation time.</summary>
    public static DateTimeOffset FinishTime(V1Pod pod)
    {
        var finished = (pod.Status?.ContainerStatuses ?? [])
            .Select(s => s.State?.Terminated?.FinishedAt)
            .Where(t => t is not null)
            .Max();
        var time = finished ?? pod.Metadata.DeletionTimestamp ?? pod.Metadata.CreationTimestamp ?? DateTime.MinValue;
        return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
    }
}
