namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// The AdmissionReview sent to a webhook (upstream's CreateV1AdmissionReview / CreateV1beta1AdmissionReview):
/// the version is the first of the webhook's admissionReviewVersions this server speaks (v1, v1beta1).
/// <c>kind</c>/<c>resource</c> are what the webhook's rule matched, <c>requestKind</c>/<c>requestResource</c>
/// what the client asked for; <c>object</c> is absent on DELETE and <c>oldObject</c> on CREATE.
/// </summary>
internal static class AdmissionReviewRequest
{
    public const string Group = "admission.k8s.io";

    /// <summary>The review version to send: the first the webhook accepts that this server knows, or null (the call fails).</summary>
    public static string? Version(WebhookDefinition hook) => hook.ReviewVersions.FirstOrDefault(v => v is "v1" or "v1beta1");

    /// <param name="options">CreateOptions, UpdateOptions or DeleteOptions of the request.</param>
    public static JsonObject Build(string version, string uid, WebhookInvocation invocation, WebhookRequest request, UserInfo user, JsonObject options)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var body = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = Kind(invocation.Kind),
            ["resource"] = Resource(invocation.Resource),
        };
        Optional(body, "subResource", invocation.Subresource);
        body["requestKind"] = Kind(WebhookInvocation.KindOf(request.Resource, request.Subresource));
        body["requestResource"] = Resource(request.Resource);
        Optional(body, "requestSubResource", request.Subresource);
        Optional(body, "name", request.Name);
        Optional(body, "namespace", request.Namespace);
        body["operation"] = request.Operation;
        body["userInfo"] = UserInfoJson.Write(user);
        body["object"] = request.Object?.DeepClone();
        body["oldObject"] = request.OldObject?.DeepClone();
        body["dryRun"] = request.DryRun;
        body["options"] = options.DeepClone();
        return new JsonObject
        {
            ["kind"] = "AdmissionReview",
            ["apiVersion"] = $"{Group}/{version}",
            ["request"] = body,
        };
    }

    private static JsonObject Kind((string Group, string Version, string Kind) kind) =>
        new() { ["group"] = kind.Group, ["version"] = kind.Version, ["kind"] = kind.Kind };

    private static JsonObject Resource(ResourceDefinition resource) =>
        new() { ["group"] = resource.Group, ["version"] = resource.Version, ["resource"] = resource.Plural };

    private static void Optional(JsonObject node, string field, string value)
    {
        if (value.Length > 0)
        {
            node[field] = value;
        }
    }
}
