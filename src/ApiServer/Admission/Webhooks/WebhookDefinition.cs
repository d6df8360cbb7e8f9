using k8s;
using k8s.Models;
using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// One webhook of a Validating- or MutatingWebhookConfiguration, parsed once when the configuration
/// changes (the stored object is already defaulted and validated by its strategy).
/// </summary>
/// <param name="Configuration">The configuration's name (webhooks run ordered by it, then by position).</param>
/// <param name="FailOpen"><c>failurePolicy: Ignore</c>: a failed call lets the request through.</param>
/// <param name="Equivalent"><c>matchPolicy: Equivalent</c>: a rule also matches the same resource in another served version.</param>
/// <param name="SideEffects"><c>None</c>, <c>NoneOnDryRun</c> (or v1beta1's <c>Unknown</c>, <c>Some</c>).</param>
/// <param name="ReviewVersions">The AdmissionReview versions the webhook accepts, in its order of preference.</param>
/// <param name="ReinvokeIfNeeded"><c>reinvocationPolicy: IfNeeded</c> (mutating only).</param>
/// <param name="HasMatchConditions">Whether it has CEL <c>matchConditions</c>, which this server does not evaluate.</param>
internal sealed record WebhookDefinition(
    string Configuration,
    string Name,
    bool Mutating,
    WebhookTarget Target,
    IReadOnlyList<WebhookRule> Rules,
    bool FailOpen,
    bool Equivalent,
    LabelSelector NamespaceSelector,
    LabelSelector ObjectSelector,
    string? SideEffects,
    int TimeoutSeconds,
    IReadOnlyList<string> ReviewVersions,
    bool ReinvokeIfNeeded,
    bool HasMatchConditions)
{
    /// <summary>Upstream's default and ceiling of <c>timeoutSeconds</c>.</summary>
    public const int DefaultTimeoutSeconds = 10;

    public const int MaxTimeoutSeconds = 30;

    /// <summary>Every webhook of a stored configuration, in order.</summary>
    public static IEnumerable<WebhookDefinition> Parse(JsonObject configuration, bool mutating)
    {
        var name = configuration.String("metadata", "name");
        return configuration.Objects("webhooks").Select(webhook => new WebhookDefinition(
            name,
            webhook.String("name"),
            mutating,
            WebhookTarget.Parse(webhook["clientConfig"] as JsonObject),
            [.. webhook.Objects("rules").Select(WebhookRule.Parse)],
            webhook.StringOrNull("failurePolicy") == "Ignore",
            webhook.StringOrNull("matchPolicy") != "Exact",
            Selector(webhook["namespaceSelector"]),
            Selector(webhook["objectSelector"]),
            webhook.StringOrNull("sideEffects"),
            (int)Math.Clamp(webhook.LongOrNull("timeoutSeconds") ?? DefaultTimeoutSeconds, 1, MaxTimeoutSeconds),
            webhook.Strings("admissionReviewVersions"),
            webhook.StringOrNull("reinvocationPolicy") == "IfNeeded",
            webhook.Count("matchConditions") > 0));
    }

    /// <summary>An absent selector matches everything, as v1's default (an empty selector) does.</summary>
    private static LabelSelector Selector(JsonNode? node) =>
        node is JsonObject selector ? LabelSelector.From(KubernetesJson.Deserialize<V1LabelSelector>(selector.ToJsonString())) : LabelSelector.Everything;
}
