using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// What a webhook answered, once checked as upstream's VerifyAdmissionResponse checks it: for v1 the
/// response must be there, carry the request's uid and be an <c>admission.k8s.io/v1</c> AdmissionReview;
/// a mutating webhook gives a patch and its type together, a validating one neither. A v1beta1 answer is
/// checked for its response only, and its patch is JSONPatch.
/// </summary>
/// <param name="Patch">The decoded JSON patch; null when the webhook changed nothing.</param>
/// <param name="Status">The <c>result</c> Status of a denial, if the webhook gave one.</param>
internal sealed record WebhookResponse(
    bool Allowed,
    JsonNode? Patch,
    string? PatchType,
    JsonObject? Status,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<KeyValuePair<string, string>> AuditAnnotations)
{
    /// <exception cref="WebhookCallException">An answer upstream would not accept, with its text.</exception>
    public static WebhookResponse Read(WebhookDefinition hook, string version, string uid, JsonNode? review)
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (review?["response"] is not JsonObject response)
        {
            throw Invalid(hook, "webhook response was absent");
        }

        string? patchText = response.StringOrNull("patch");
        var patchType = response.StringOrNull("patchType");
        if (version == "v1")
        {
            if (response.String("uid") != uid)
            {
                throw Invalid(hook, $"expected response.uid=\"{uid}\", got \"{response.String("uid")}\"");
            }

            var (group, ver) = SplitApiVersion(review.String("apiVersion"));
            var kind = review.String("kind");
            if ((group, ver, kind) != (AdmissionReviewRequest.Group, "v1", "AdmissionReview"))
            {
                throw Invalid(hook, $"expected webhook response of {AdmissionReviewRequest.Group}/v1, Kind=AdmissionReview, got {group}/{ver}, Kind={kind}");
            }

            CheckPatchFields(hook, patchText, response["patchType"] is not null, patchType);
        }
        else
        {
            patchText = hook.Mutating ? patchText : null;
            patchType = string.IsNullOrEmpty(patchText) ? null : "JSONPatch";
        }

        return new WebhookResponse(
            response.Bool("allowed"),
            string.IsNullOrEmpty(patchText) ? null : DecodePatch(hook, patchText),
            patchType,
            response["status"] as JsonObject,
            response.Strings("warnings"),
            response.StringMap("auditAnnotations"));
    }

    private static void CheckPatchFields(WebhookDefinition hook, string? patch, bool hasPatchType, string? patchType)
    {
        var hasPatch = !string.IsNullOrEmpty(patch);
        if (hook.Mutating)
        {
            if (hasPatch && !hasPatchType)
            {
                throw Invalid(hook, "webhook returned response.patch but not response.patchType");
            }

            if (!hasPatch && hasPatchType)
            {
                throw Invalid(hook, "webhook returned response.patchType but not response.patch");
            }

            if (hasPatchType && string.IsNullOrEmpty(patchType))
            {
                throw Invalid(hook, $"webhook returned invalid response.patchType of \"{patchType}\"");
            }
        }
        else if (hasPatch)
        {
            throw Invalid(hook, "validating webhook may not return response.patch");
        }
        else if (hasPatchType)
        {
            throw Invalid(hook, "validating webhook may not return response.patchType");
        }
    }

    private static JsonNode? DecodePatch(WebhookDefinition hook, string base64)
    {
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64))) as JsonArray
                ?? throw new WebhookCallException(hook.Name, "received undecodable patch in webhook response: json: cannot unmarshal the patch into Go value of type jsonpatch.Patch");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new WebhookCallException(hook.Name, "received undecodable patch in webhook response: " + e.Message, e);
        }
    }

    private static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    private static WebhookCallException Invalid(WebhookDefinition hook, string why) =>
        new(hook.Name, "received invalid webhook response: " + why);
}
