using Orchestrator.ApiServer.Admission.NamespaceLifecycle;

namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// Which webhooks a write goes to: the current configurations (<see cref="WebhookConfigurations"/>), matched
/// by <see cref="WebhookMatcher"/> with namespaces from the watch cache (then the store, as upstream falls
/// back to a live read). Thread-safe.
/// </summary>
internal sealed class WebhookSelection(IWebhookSource configurations, INamespaceLookup namespaces, ResourceRegistry registry)
{
    /// <summary>How long the first writes after start-up wait for the configurations to load.</summary>
    private static readonly TimeSpan LoadWait = TimeSpan.FromSeconds(10);

    /// <summary>The webhooks of one kind that might apply; empty for the admission configuration kinds themselves.</summary>
    /// <exception cref="ApiException">403 "not yet ready to handle request" while the configurations have not loaded (upstream's text).</exception>
    public IReadOnlyList<WebhookDefinition> Candidates(bool mutating, AdmissionAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (WebhookMatcher.IsExempt(attributes.Resource))
        {
            return [];
        }

        if (!configurations.WaitLoaded(LoadWait))
        {
            throw ApiErrors.Forbidden(attributes.Resource, attributes.Name, "not yet ready to handle request");
        }

        return mutating ? configurations.Mutating : configurations.Validating;
    }

    /// <inheritdoc cref="WebhookMatcher.Match"/>
    public WebhookInvocation? Match(WebhookDefinition hook, WebhookRequest request) =>
        WebhookMatcher.Match(hook, request, name => namespaces.Find(name) is { } ns ? ObjectMeta.Labels(ns) : null, registry.All);
}
