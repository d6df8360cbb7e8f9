using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>One <c>rules[]</c> entry of a webhook (upstream's RuleWithOperations), as stored (validated and defaulted).</summary>
/// <param name="Resources">Resources with optional subresource: <c>pods</c>, <c>pods/status</c>, <c>*</c>, <c>*/*</c>, <c>*/scale</c>.</param>
/// <param name="Scope"><c>Cluster</c>, <c>Namespaced</c> or <c>*</c>.</param>
internal sealed record WebhookRule(
    IReadOnlyList<string> Operations,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> ApiVersions,
    IReadOnlyList<string> Resources,
    string Scope)
{
    public static WebhookRule Parse(JsonObject rule) => new(
        rule.Strings("operations"),
        rule.Strings("apiGroups"),
        rule.Strings("apiVersions"),
        rule.Strings("resources"),
        rule.StringOrNull("scope") ?? "*");
}
