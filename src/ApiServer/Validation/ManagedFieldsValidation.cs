namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's ValidateManagedFields on <c>metadata.managedFields</c>.</summary>
internal static class ManagedFieldsValidation
{
    private const int MaxSubresourceLength = 256;

    public static void Validate(JsonObject? metadata, List<StatusCause> causes)
    {
        foreach (var (index, entry) in JsonFields.Items(metadata, "managedFields"))
        {
            var path = $"metadata.managedFields[{index}]";
            var operation = JsonFields.Text(entry["operation"]) ?? "";
            if (operation is not ("Apply" or "Update"))
            {
                causes.Add(FieldErrors.InvalidText($"{path}.operation", operation, "must be `Apply` or `Update`"));
            }

            if (JsonFields.Text(entry["fieldsType"]) is { Length: > 0 } fieldsType && fieldsType != "FieldsV1")
            {
                causes.Add(FieldErrors.InvalidText($"{path}.fieldsType", fieldsType, "must be `FieldsV1`"));
            }

            causes.AddRange(FieldManagerValidation.Check(JsonFields.Text(entry["manager"]) ?? "", $"{path}.manager"));
            if (Encoding.UTF8.GetByteCount(JsonFields.Text(entry["subresource"]) ?? "") > MaxSubresourceLength)
            {
                causes.Add(FieldErrors.TooLong($"{path}.subresource", MaxSubresourceLength));
            }
        }
    }
}
