using static Orchestrator.ApiServer.Selectors.FieldSelectorFields;

namespace Orchestrator.ApiServer.Registry.Batch.Jobs;

/// <summary>
/// Jobs (upstream pkg/registry/batch/job/strategy.go): SetDefaults_Job, a valid spec, and a selector,
/// template and completion mode fixed once created.
/// </summary>
internal sealed class JobStrategy() : ResourceStrategy(new JobPrinter(), Selectable)
{
    private static readonly SelectableFields Selectable = new(
        Metadata(("status.successful", o => Text(o, "status.succeeded", "0"))),
        label => $"field label {GoText.Quote(label)} not supported for batchv1.Job");

    private static readonly string[] Immutable = ["selector", "template", "completionMode"];

    public override void Default(JsonObject obj, bool create) => JobDefaults.Apply(obj);

    public override void Validate(JsonObject obj, List<StatusCause> causes) => JobValidation.Validate(obj["spec"] as JsonObject, "spec", causes);

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        foreach (var field in Immutable)
        {
            UpdateValidation.Immutable(causes, $"spec.{field}", current["spec"]?[field], updated["spec"]?[field]);
        }
    }
}
