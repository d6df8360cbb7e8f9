namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// Whether a webhook is called for a request, as upstream's generic Webhook.ShouldCallHook: the namespace
/// selector (cluster-scoped objects other than namespaces always match; a Namespace is matched on its own
/// labels when created or updated), the object selector (the new or the old object's labels), then the
/// rules (operation, group, version, resource/subresource, scope), and under matchPolicy Equivalent the
/// same group and resource in another served version. A namespace that does not exist fails the request
/// with 404 only when the rules match. CEL matchConditions are not evaluated: such a webhook is skipped
/// under failurePolicy Ignore and refuses the request (403, as upstream's failing match) under Fail.
/// Pure apart from the namespace lookup it is given.
/// </summary>
internal static class WebhookMatcher
{
    /// <summary>The admissionregistration kinds never sent to webhooks, so a broken webhook can always be removed.</summary>
    private static readonly string[] ExemptResources =
    [
        "validatingwebhookconfigurations", "mutatingwebhookconfigurations", "validatingadmissionpolicies",
        "validatingadmissionpolicybindings", "mutatingadmissionpolicies", "mutatingadmissionpolicybindings",
    ];

    /// <summary>Whether no webhook is ever called for <paramref name="resource"/> (upstream's IsExemptAdmissionConfigurationResource).</summary>
    public static bool IsExempt(ResourceDefinition resource) =>
        resource.Group == "admissionregistration.k8s.io" && ExemptResources.Contains(resource.Plural);

    /// <summary>The invocation, or null when <paramref name="hook"/> does not apply to <paramref name="request"/>.</summary>
    /// <param name="namespaceLabels">The labels of a namespace by name; null when it does not exist.</param>
    /// <param name="served">Every served resource, for matchPolicy Equivalent.</param>
    /// <exception cref="ApiException">404 for a missing namespace the selector needs; 403 for matchConditions under failurePolicy Fail.</exception>
    public static WebhookInvocation? Match(WebhookDefinition hook, WebhookRequest request, Func<string, IReadOnlyDictionary<string, string>?> namespaceLabels, IEnumerable<ResourceDefinition> served)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(request);
        var (namespaceMatches, namespaceError) = MatchNamespace(hook, request, namespaceLabels);
        if (!namespaceMatches && namespaceError is null)
        {
            return null;
        }

        if (!MatchObject(hook, request))
        {
            return null;
        }

        var invocation = MatchRules(hook, request, served);
        if (invocation is null)
        {
            return null;
        }

        if (namespaceError is not null)
        {
            throw namespaceError;
        }

        if (hook.HasMatchConditions)
        {
            return hook.FailOpen
                ? null
                : throw ApiErrors.Forbidden(request.Resource, request.Name, WebhookErrors.CallingMessage(hook.Name, "matchConditions are not supported by this server"));
        }

        return invocation;
    }

    /// <summary>Upstream's rules.Matcher for one rule against one resource.</summary>
    public static bool Matches(WebhookRule rule, WebhookRequest request, ResourceDefinition resource) =>
        (rule.Operations.Contains("*") || rule.Operations.Contains(request.Operation))
        && (rule.ApiGroups.Contains("*") || rule.ApiGroups.Contains(resource.Group))
        && (rule.ApiVersions.Contains("*") || rule.ApiVersions.Contains(resource.Version))
        && MatchesResource(rule, resource.Plural, request.Subresource)
        && rule.Scope switch
        {
            "Namespaced" => !request.IsNamespace && request.Namespace.Length > 0,
            "Cluster" => request.IsNamespace || request.Namespace.Length == 0,
            _ => true,
        };

    private static bool MatchesResource(WebhookRule rule, string plural, string subresource) =>
        rule.Resources.Any(entry =>
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var (resource, sub) = slash < 0 ? (entry, "") : (entry[..slash], entry[(slash + 1)..]);
            return (resource == "*" || resource == plural) && (sub == "*" || sub == subresource);
        });

    private static WebhookInvocation? MatchRules(WebhookDefinition hook, WebhookRequest request, IEnumerable<ResourceDefinition> served)
    {
        if (hook.Rules.Any(rule => Matches(rule, request, request.Resource)))
        {
            return new WebhookInvocation(hook, request.Resource, request.Subresource);
        }

        if (!hook.Equivalent)
        {
            return null;
        }

        var equivalents = served
            .Where(r => r.Group == request.Resource.Group && r.Plural == request.Resource.Plural && r.Version != request.Resource.Version)
            .ToList();

        // Earlier rules first, as upstream.
        foreach (var rule in hook.Rules)
        {
            if (equivalents.FirstOrDefault(equivalent => Matches(rule, request, equivalent)) is { } matched)
            {
                return new WebhookInvocation(hook, matched, request.Subresource);
            }
        }

        return null;
    }

    private static (bool Matches, ApiException? Error) MatchNamespace(WebhookDefinition hook, WebhookRequest request, Func<string, IReadOnlyDictionary<string, string>?> namespaceLabels)
    {
        if (request.Namespace.Length == 0 && !request.IsNamespace)
        {
            return (true, null);
        }

        if (hook.NamespaceSelector.IsEverything)
        {
            return (true, null);
        }

        // A namespace being created or updated is matched on the labels it is getting, not on the stored ones.
        IReadOnlyDictionary<string, string>? labels = request is { IsNamespace: true, Subresource: "", Object: { } own } && request.Operation is "CREATE" or "UPDATE"
            ? ObjectMeta.Labels(own)
            : namespaceLabels(request.Namespace);
        return labels is null
            ? (false, ApiErrors.NamespaceNotFound(request.Namespace))
            : (hook.NamespaceSelector.Matches(Dictionary(labels)), null);
    }

    private static bool MatchObject(WebhookDefinition hook, WebhookRequest request) =>
        hook.ObjectSelector.IsEverything
        || (request.Object is { } obj && hook.ObjectSelector.Matches(Dictionary(ObjectMeta.Labels(obj))))
        || (request.OldObject is { } old && hook.ObjectSelector.Matches(Dictionary(ObjectMeta.Labels(old))));

    private static Dictionary<string, string> Dictionary(IReadOnlyDictionary<string, string> labels) => new(labels, StringComparer.Ordinal);
}
