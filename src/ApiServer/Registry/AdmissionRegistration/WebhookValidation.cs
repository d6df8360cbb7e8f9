using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.AdmissionRegistration;

/// <summary>
/// Upstream's v1 webhook configuration validation (pkg/apis/admissionregistration/validation): unique, fully
/// qualified webhook names; rules; failure and match policies; required side effects and admission review
/// versions; a timeout of 1 to 30 seconds; selectors; exactly one of a URL or a service to call.
/// </summary>
internal static class WebhookValidation
{
    private static readonly string[] FailurePolicies = ["Fail", "Ignore"];
    private static readonly string[] MatchPolicies = ["Equivalent", "Exact"];
    private static readonly string[] SideEffects = ["None", "NoneOnDryRun"];
    private static readonly string[] ReinvocationPolicies = ["IfNeeded", "Never"];
    private static readonly string[] ReviewVersions = ["v1", "v1beta1"];

    public static void Validate(JsonObject configuration, bool mutating, List<StatusCause> causes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var webhooks = configuration.Objects("webhooks");
        for (var i = 0; i < webhooks.Count; i++)
        {
            var path = $"webhooks[{i}]";
            Webhook(webhooks[i], path, mutating, causes);
            ReviewVersionList(webhooks[i].Strings("admissionReviewVersions"), path + ".admissionReviewVersions", causes);
            if (webhooks[i].String("name") is { Length: > 0 } name && !names.Add(name))
            {
                causes.Add(FieldErrors.Duplicate(path + ".name", name));
            }
        }
    }

    private static void Webhook(JsonObject webhook, string path, bool mutating, List<StatusCause> causes)
    {
        FullyQualifiedName(webhook.String("name"), path + ".name", causes);
        var rules = webhook.Objects("rules");
        for (var i = 0; i < rules.Count; i++)
        {
            WebhookRules.Validate(rules[i], $"{path}.rules[{i}]", causes);
        }

        OneOf(webhook, "failurePolicy", FailurePolicies, path, causes);
        OneOf(webhook, "matchPolicy", MatchPolicies, path, causes);
        if (webhook.StringOrNull("sideEffects") is null)
        {
            causes.Add(FieldErrors.Required(path + ".sideEffects", "must specify one of None, NoneOnDryRun"));
        }

        OneOf(webhook, "sideEffects", SideEffects, path, causes);
        if (webhook.LongOrNull("timeoutSeconds") is { } timeout && timeout is < 1 or > 30)
        {
            causes.Add(FieldErrors.InvalidNumber(path + ".timeoutSeconds", timeout, "the timeout value must be between 1 and 30 seconds"));
        }

        if (mutating)
        {
            OneOf(webhook, "reinvocationPolicy", ReinvocationPolicies, path, causes);
        }

        LabelSelectorValidation.Validate(webhook["namespaceSelector"] as JsonObject, path + ".namespaceSelector", causes);
        LabelSelectorValidation.Validate(webhook["objectSelector"] as JsonObject, path + ".objectSelector", causes);
        WebhookClientConfig.Validate(webhook["clientConfig"] as JsonObject, path + ".clientConfig", causes);
    }

    private static void OneOf(JsonObject webhook, string field, string[] supported, string path, List<StatusCause> causes)
    {
        if (webhook.StringOrNull(field) is { } value && !supported.Contains(value))
        {
            causes.Add(FieldErrors.NotSupported($"{path}.{field}", value, supported));
        }
    }

    /// <summary>Upstream's IsFullyQualifiedName: required, a DNS-1123 subdomain, at least three dot-separated segments.</summary>
    private static void FullyQualifiedName(string name, string path, List<StatusCause> causes)
    {
        if (name.Length == 0)
        {
            causes.Add(FieldErrors.Required(path));
        }
        else if (NameValidation.Dns1123Subdomain(name) is { Count: > 0 } problems)
        {
            causes.Add(FieldErrors.InvalidText(path, name, string.Join(",", problems)));
        }
        else if (name.Split('.').Length < 3)
        {
            causes.Add(FieldErrors.InvalidText(path, name, "should be a domain with at least three segments separated by dots"));
        }
    }

    private static void ReviewVersionList(IReadOnlyList<string> versions, string path, List<StatusCause> causes)
    {
        if (versions.Count == 0)
        {
            causes.Add(FieldErrors.Required(path, "must specify one of v1, v1beta1"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            if (!seen.Add(versions[i]))
            {
                causes.Add(FieldErrors.InvalidText($"{path}[{i}]", versions[i], "duplicate version"));
                continue;
            }

            FieldErrors.AddInvalid(causes, $"{path}[{i}]", versions[i], NameValidation.Dns1035Label(versions[i]));
        }

        if (!versions.Any(ReviewVersions.Contains))
        {
            causes.Add(FieldErrors.Invalid(path, WebhookRules.GoStrings(versions), "must include at least one of v1, v1beta1"));
        }
    }
}
