namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's batch/v1 SetDefaults_Job and the job strategy's generated selector.</summary>
internal static class JobDefaults
{
    private const string ControllerUid = "batch.kubernetes.io/controller-uid";
    private const string JobName = "batch.kubernetes.io/job-name";

    public static void Apply(JsonObject job)
    {
        var spec = JsonFields.Child(job, "spec");
        if (spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = 1;
        }

        JsonFields.Default(spec, "parallelism", 1);
        JsonFields.Default(spec, "backoffLimit", spec["backoffLimitPerIndex"] is null ? 6 : int.MaxValue);
        JsonFields.Default(spec, "completionMode", "NonIndexed");
        JsonFields.Default(spec, "suspend", false);
        JsonFields.Default(spec, "podReplacementPolicy", spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed");
        foreach (var (_, rule) in JsonFields.Items(spec["podFailurePolicy"] as JsonObject, "rules"))
        {
            foreach (var (_, condition) in JsonFields.Items(rule, "onPodConditions"))
            {
                JsonFields.Default(condition, "status", "True");
            }
        }

        PodSpecDefaults.ApplyTemplate(spec);
        var metadata = JsonFields.Child(job, "metadata");
        if (spec["manualSelector"]?.GetValueKind() != System.Text.Json.JsonValueKind.True)
        {
            GenerateSelector(spec, JsonFields.Text(metadata["name"]) ?? "", JsonFields.Text(metadata["uid"]) ?? "");
        }

        // A job without labels takes its template's, generated ones included (what kubectl describe shows).
        if (metadata["labels"] is not JsonObject { Count: > 0 } && spec["template"]?["metadata"]?["labels"] is JsonObject { Count: > 0 } templateLabels)
        {
            metadata["labels"] = templateLabels.DeepClone();
        }
    }

    /// <summary>Labels the template with the job's name and uid, and selects on the uid (what the user set is kept; validation rejects conflicts).</summary>
    private static void GenerateSelector(JsonObject spec, string name, string uid)
    {
        var labels = JsonFields.Child(JsonFields.Child(JsonFields.Child(spec, "template"), "metadata"), "labels");
        JsonFields.Default(labels, "job-name", name);
        JsonFields.Default(labels, JobName, name);
        JsonFields.Default(labels, "controller-uid", uid);
        JsonFields.Default(labels, ControllerUid, uid);
        var matchLabels = JsonFields.Child(JsonFields.Child(spec, "selector"), "matchLabels");
        JsonFields.Default(matchLabels, ControllerUid, uid);
    }
}
