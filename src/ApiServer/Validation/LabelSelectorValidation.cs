namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's ValidateLabelSelector (apimachinery meta/v1/validation): matchLabels keys and values,
/// each matchExpressions entry's key, operator and values, with upstream's messages and paths.
/// </summary>
internal static class LabelSelectorValidation
{
    private static readonly string[] SetOperators = ["In", "NotIn"];
    private static readonly string[] ExistenceOperators = ["Exists", "DoesNotExist"];

    /// <summary>Adds a cause per problem of the selector at <paramref name="path"/>; an absent selector has none.</summary>
    public static void Validate(JsonObject? selector, string path, List<StatusCause> causes)
    {
        if (selector is null)
        {
            return;
        }

        foreach (var (key, value) in JsonFields.StringMap(selector["matchLabels"]) ?? [])
        {
            FieldErrors.AddInvalid(causes, path + ".matchLabels", key, LabelValidation.KeyErrors(key));
            FieldErrors.AddInvalid(causes, path + ".matchLabels", value, LabelValidation.ValueErrors(value));
        }

        foreach (var (i, expression) in JsonFields.Items(selector, "matchExpressions"))
        {
            Requirement(expression, $"{path}.matchExpressions[{i}]", causes);
        }
    }

    private static void Requirement(JsonObject requirement, string path, List<StatusCause> causes)
    {
        var op = JsonFields.Text(requirement["operator"]) ?? "";
        var values = requirement["values"] as JsonArray ?? [];
        if (SetOperators.Contains(op))
        {
            if (values.Count == 0)
            {
                causes.Add(FieldErrors.Required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
            }
        }
        else if (ExistenceOperators.Contains(op))
        {
            if (values.Count > 0)
            {
                causes.Add(FieldErrors.Forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
            }
        }
        else
        {
            causes.Add(FieldErrors.InvalidText(path + ".operator", op, "not a valid selector operator"));
        }

        var key = JsonFields.Text(requirement["key"]) ?? "";
        FieldErrors.AddInvalid(causes, path + ".key", key, LabelValidation.KeyErrors(key));
        for (var i = 0; i < values.Count; i++)
        {
            var value = JsonFields.Text(values[i]) ?? "";
            FieldErrors.AddInvalid(causes, $"{path}.values[{i}]", value, LabelValidation.ValueErrors(value));
        }
    }
}
