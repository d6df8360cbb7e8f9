namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's job checks that matter most: counts not negative, a pod template that does not restart Always.</summary>
internal static class JobValidation
{
    private static readonly string[] JobRestartPolicies = ["OnFailure", "Never"];

    /// <param name="spec">The job spec (a Job's <c>spec</c> or a CronJob's <c>spec.jobTemplate.spec</c>).</param>
    /// <param name="path">Its field path.</param>
    public static void Validate(JsonObject? spec, string path, List<StatusCause> causes)
    {
        foreach (var field in new[] { "parallelism", "completions", "backoffLimit", "activeDeadlineSeconds", "ttlSecondsAfterFinished" })
        {
            WorkloadValidation.NonNegative(spec, field, causes, path);
        }

        PodSpecValidation.Validate(spec?["template"]?["spec"] as JsonObject, $"{path}.template.spec", JobRestartPolicies, causes);
    }
}
