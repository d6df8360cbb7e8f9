namespace Orchestrator.ApiServer.Validation;

/// <summary>Update rules shared by several kinds' strategies: fields that may not change once an object exists.</summary>
internal static class UpdateValidation
{
    /// <summary>A cause when <paramref name="field"/> changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static void Immutable(List<StatusCause> causes, string field, JsonNode? before, JsonNode? after)
    {
        if (!JsonNode.DeepEquals(before, after))
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {after?.ToJsonString() ?? "null"}: field is immutable", field));
        }
    }

    /// <summary>ConfigMaps and Secrets marked <c>immutable</c>: the flag stays and the data does not change.</summary>
    public static void ImmutableData(List<StatusCause> causes, JsonObject current, JsonObject updated)
    {
        if (current["immutable"] is not JsonValue flag || !flag.TryGetValue<bool>(out var immutable) || !immutable)
        {
            return;
        }

        if (updated["immutable"] is not JsonValue now || !now.TryGetValue<bool>(out var still) || !still)
        {
            causes.Add(new StatusCause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", "immutable"));
        }

        foreach (var field in new[] { "data", "binaryData", "stringData" })
        {
            if (!JsonNode.DeepEquals(current[field], updated[field]))
            {
                causes.Add(new StatusCause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", field));
            }
        }
    }
}
