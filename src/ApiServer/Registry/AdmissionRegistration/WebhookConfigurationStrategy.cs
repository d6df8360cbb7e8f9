namespace Orchestrator.ApiServer.Registry.AdmissionRegistration;

/// <summary>
/// admissionregistration.k8s.io/v1 ValidatingWebhookConfigurations and MutatingWebhookConfigurations
/// (upstream pkg/registry/admissionregistration/*webhookconfiguration/strategy.go and v1 defaults): stored and
/// validated here; the webhooks are called by Admission/Webhooks. Each webhook defaults to failurePolicy Fail, matchPolicy
/// Equivalent, empty (match-all) namespace and object selectors, a 10 second timeout, rules of any scope, a
/// service on port 443 and, when mutating, reinvocationPolicy Never; sideEffects and admissionReviewVersions
/// have no default in v1 and are required.
/// </summary>
internal sealed class WebhookConfigurationStrategy(bool mutating) : ResourceStrategy(new WebhookConfigurationPrinter())
{
    public override void Default(JsonObject obj, bool create)
    {
        foreach (var (_, webhook) in JsonFields.Items(obj, "webhooks"))
        {
            JsonFields.Default(webhook, "failurePolicy", "Fail");
            JsonFields.Default(webhook, "matchPolicy", "Equivalent");
            JsonFields.Default(webhook, "namespaceSelector", new JsonObject());
            JsonFields.Default(webhook, "objectSelector", new JsonObject());
            JsonFields.Default(webhook, "timeoutSeconds", 10);
            if (mutating)
            {
                JsonFields.Default(webhook, "reinvocationPolicy", "Never");
            }

            foreach (var (_, rule) in JsonFields.Items(webhook, "rules"))
            {
                JsonFields.Default(rule, "scope", "*");
            }

            if (webhook["clientConfig"]?["service"] is JsonObject service)
            {
                JsonFields.Default(service, "port", 443);
            }
        }
    }

    public override void Validate(JsonObject obj, List<StatusCause> causes) => WebhookValidation.Validate(obj, mutating, causes);
}
