namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// The second part of upstream's ValidatePodEphemeralContainersUpdate: a static (mirror) pod takes no ephemeral
/// containers, and those a pod has stay as they are; new ones may only be added. Containers are matched by name,
/// since a patch does not keep their order.
/// </summary>
internal static class EphemeralContainersUpdateValidation
{
    private const string Path = "spec.ephemeralContainers";
    private const string MirrorAnnotation = "kubernetes.io/config.mirror";

    /// <summary>
    /// Adds a cause per removed or changed ephemeral container. For a mirror pod every other cause is dropped for
    /// the one upstream answers alone.
    /// </summary>
    public static void Check(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        if (current["metadata"]?["annotations"] is JsonObject annotations && annotations.ContainsKey(MirrorAnnotation))
        {
            causes.Clear();
            causes.Add(FieldErrors.Forbidden("", "static pods do not support ephemeral containers"));
            return;
        }

        var now = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (_, container) in JsonFields.Items(updated["spec"] as JsonObject, "ephemeralContainers"))
        {
            now[JsonFields.Text(container["name"]) ?? ""] = container;
        }

        foreach (var (_, before) in JsonFields.Items(current["spec"] as JsonObject, "ephemeralContainers"))
        {
            var name = JsonFields.Text(before["name"]) ?? "";
            if (!now.TryGetValue(name, out var after))
            {
                causes.Add(FieldErrors.Forbidden(Path, $"existing ephemeral containers {GoText.Quote(name)} may not be removed\n"));
            }
            else if (!JsonNode.DeepEquals(before, after))
            {
                causes.Add(FieldErrors.Forbidden(Path, $"existing ephemeral containers {GoText.Quote(name)} may not be changed\n{Diff(before, after)}"));
            }
        }
    }

    /// <summary>
    /// The fields that differ, one <c>-</c> and one <c>+</c> line each in JSON (upstream prints cmp.Diff of the Go
    /// structs here: same intent, not the same text).
    /// </summary>
    public static string Diff(JsonObject before, JsonObject after)
    {
        var text = new StringBuilder();
        foreach (var key in before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal))
        {
            var old = before[key];
            var now = after[key];
            if (JsonNode.DeepEquals(old, now))
            {
                continue;
            }

            if (old is not null)
            {
                text.Append("- ").Append(key).Append(": ").Append(old.ToJsonString()).Append('\n');
            }

            if (now is not null)
            {
                text.Append("+ ").Append(key).Append(": ").Append(now.ToJsonString()).Append('\n');
            }
        }

        return text.ToString();
    }
}
