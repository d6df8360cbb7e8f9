namespace Orchestrator.ApiServer.Admission.DefaultTolerationSeconds;

/// <summary>
/// Upstream's DefaultTolerationSeconds: a new pod that does not tolerate <c>not-ready</c> or
/// <c>unreachable</c> nodes gets a NoExecute toleration of each for 300 seconds, so its pods are
/// evicted five minutes after their node is lost.
/// </summary>
internal sealed class DefaultTolerationSeconds : IAdmissionPlugin
{
    private const long TolerationSeconds = 300;

    private static readonly string[] Keys = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"];

    public string Name => "DefaultTolerationSeconds";

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    public void Admit(AdmissionAttributes attributes)
    {
        if (attributes.Resource is not { Group: "", Plural: "pods" } || attributes.Subresource is not null)
        {
            return;
        }

        var spec = JsonFields.Child(attributes.Object, "spec");
        var existing = JsonFields.Items(spec, "tolerations").Select(t => t.Item).ToList();
        var missing = Keys.Where(key => !existing.Any(t => Tolerates(t, key))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var tolerations = spec["tolerations"] as JsonArray ?? [];
        spec["tolerations"] = tolerations;
        foreach (var key in missing)
        {
            tolerations.Add(new JsonObject
            {
                ["key"] = key,
                ["operator"] = "Exists",
                ["effect"] = "NoExecute",
                ["tolerationSeconds"] = TolerationSeconds,
            });
        }
    }

    private static bool Tolerates(JsonObject toleration, string key) =>
        JsonFields.Text(toleration["key"]) is null or "" || JsonFields.Text(toleration["key"]) == key
            ? JsonFields.Text(toleration["effect"]) is null or "" or "NoExecute"
            : false;
}
