namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's ValidateOwnerReferences on <c>metadata.ownerReferences</c>: apiVersion (with a
/// version), kind, name and uid set, no Event as owner, at most one controller. Upstream reports
/// these on the list's path, without an index.
/// </summary>
internal static class OwnerReferenceValidation
{
    private const string Field = "metadata.ownerReferences";

    public static void Validate(JsonObject? metadata, List<StatusCause> causes)
    {
        string? firstController = null;
        var references = JsonFields.Items(metadata, "ownerReferences").Select(r => r.Item).ToList();
        foreach (var reference in references)
        {
            var apiVersion = JsonFields.Text(reference["apiVersion"]) ?? "";
            var kind = JsonFields.Text(reference["kind"]) ?? "";
            var name = JsonFields.Text(reference["name"]) ?? "";
            var uid = JsonFields.Text(reference["uid"]) ?? "";
            var (group, version) = GroupVersion(apiVersion);
            if (version.Length == 0)
            {
                causes.Add(FieldErrors.InvalidText($"{Field}.apiVersion", apiVersion, "version must not be empty"));
            }

            if (kind.Length == 0)
            {
                causes.Add(FieldErrors.InvalidText($"{Field}.kind", kind, "must not be empty"));
            }

            if (name.Length == 0)
            {
                causes.Add(FieldErrors.InvalidText($"{Field}.name", name, "must not be empty"));
            }

            if (uid.Length == 0)
            {
                causes.Add(FieldErrors.InvalidText($"{Field}.uid", uid, "must not be empty"));
            }

            if (group.Length == 0 && version == "v1" && kind == "Event")
            {
                causes.Add(FieldErrors.Invalid(Field, Json(reference), "/v1, Kind=Event is disallowed from being an owner"));
            }

            if (reference["controller"] is JsonValue controller && controller.TryGetValue<bool>(out var isController) && isController)
            {
                var current = kind + "/" + name;
                if (firstController is null)
                {
                    firstController = current;
                }
                else
                {
                    causes.Add(FieldErrors.Invalid(Field, "[" + string.Join(",", references.Select(Json)) + "]", $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}"));
                }
            }
        }
    }

    /// <summary>schema.ParseGroupVersion as FromAPIVersionAndKind uses it: more than one '/' leaves both empty.</summary>
    private static (string Group, string Version) GroupVersion(string apiVersion) => apiVersion.Split('/') switch
    {
        [var version] => ("", version),
        [var group, var version] => (group, version),
        _ => ("", ""),
    };

    /// <summary>An OwnerReference as Go's encoding/json writes it: fields in struct order, unset pointers left out.</summary>
    private static string Json(JsonObject reference)
    {
        var ordered = new JsonObject
        {
            ["apiVersion"] = JsonFields.Text(reference["apiVersion"]) ?? "",
            ["kind"] = JsonFields.Text(reference["kind"]) ?? "",
            ["name"] = JsonFields.Text(reference["name"]) ?? "",
            ["uid"] = JsonFields.Text(reference["uid"]) ?? "",
        };
        foreach (var flag in new[] { "controller", "blockOwnerDeletion" })
        {
            if (reference[flag] is JsonValue value && value.TryGetValue<bool>(out var set))
            {
                ordered[flag] = set;
            }
        }

        return ordered.ToJsonString();
    }
}
