using k8s.Models;
using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// What upstream checks on every workload with a selector and a pod template (deployments, replica
/// sets, stateful sets, daemon sets): replicas not negative, a selector that selects the template.
/// </summary>
internal static class WorkloadValidation
{
    private static readonly string[] AlwaysOnly = ["Always"];

    public static void Validate(JsonObject body, bool hasReplicas, List<StatusCause> causes)
    {
        var spec = body["spec"] as JsonObject;
        if (hasReplicas)
        {
            NonNegative(spec, "replicas", causes);
        }

        NonNegative(spec, "minReadySeconds", causes);
        NonNegative(spec, "revisionHistoryLimit", causes);
        var selector = spec?["selector"] as JsonObject;
        var templateLabels = JsonFields.StringMap(spec?["template"]?["metadata"]?["labels"]);
        if (selector is null)
        {
            causes.Add(FieldErrors.Required("spec.selector"));
        }
        else if (Selector(selector) is { IsEverything: false } parsed && !parsed.Matches(templateLabels))
        {
            causes.Add(FieldErrors.Invalid("spec.template.metadata.labels", FieldErrors.GoMap(templateLabels), "`selector` does not match template `labels`"));
        }

        // A StatefulSet's containers mount its volumeClaimTemplates by name (upstream leaves that union unchecked).
        var claimTemplates = JsonFields.Items(spec, "volumeClaimTemplates").Select(t => JsonFields.Text(t.Item["metadata"]?["name"])).OfType<string>();
        PodSpecValidation.Validate(spec?["template"]?["spec"] as JsonObject, "spec.template.spec", AlwaysOnly, causes, claimTemplates);
    }

    /// <summary>A field that, when set, must be zero or more.</summary>
    public static void NonNegative(JsonObject? spec, string field, List<StatusCause> causes, string prefix = "spec")
    {
        if (JsonFields.Integer(spec?[field]) is { } value && value < 0)
        {
            causes.Add(FieldErrors.Invalid($"{prefix}.{field}", value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        }
    }

    /// <summary>The selector as upstream reads it; null when it is malformed (the schema and selector checks report that).</summary>
    private static LabelRequirements? Selector(JsonObject selector)
    {
        var model = new V1LabelSelector
        {
            MatchLabels = JsonFields.StringMap(selector["matchLabels"]),
            MatchExpressions = [.. JsonFields.Items(selector, "matchExpressions").Select(e => new V1LabelSelectorRequirement
            {
                Key = JsonFields.Text(e.Item["key"]),
                OperatorProperty = JsonFields.Text(e.Item["operator"]),
                Values = e.Item["values"] is JsonArray values ? [.. values.Select(v => JsonFields.Text(v) ?? "")] : null,
            })],
        };
        try
        {
            return LabelRequirements.FromLabelSelector(model);
        }
        catch (SelectorException)
        {
            return null;
        }
    }
}
