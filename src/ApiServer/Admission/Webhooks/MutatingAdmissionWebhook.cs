namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// Upstream's MutatingAdmissionWebhook plugin, the last mutating step of the chain: every matching mutating
/// webhook in order (configurations by name, then position). A denial ends the write with the webhook's
/// status; a failed call ends it with 500 under failurePolicy Fail and is skipped under Ignore; a JSONPatch
/// answer is applied (<see cref="WebhookPatcher"/>) before the next webhook is called. When a webhook changed
/// the object after a <c>reinvocationPolicy: IfNeeded</c> webhook saw it, those webhooks are called once more,
/// in order (upstream's reinvocation; the built-in plugins, which ran before, are not re-run).
/// </summary>
internal sealed class MutatingAdmissionWebhook(WebhookSelection selection, WebhookInvoker invoker, ILogger<MutatingAdmissionWebhook> logger)
    : AdmissionWebhookPlugin(selection, invoker, logger), IAdmissionPlugin
{
    public override string Name => "MutatingAdmissionWebhook";

    public void Admit(AdmissionAttributes attributes)
    {
        var hooks = Selection.Candidates(mutating: true, attributes);
        if (hooks.Count == 0)
        {
            return;
        }

        var request = WebhookRequest.From(attributes);
        var context = Invoker.Context(request);
        var reinvocable = new HashSet<WebhookDefinition>(ReferenceEqualityComparer.Instance);
        var reinvoke = new HashSet<WebhookDefinition>(ReferenceEqualityComparer.Instance);
        foreach (var hook in hooks)
        {
            if (CallIfMatching(hook, attributes, request, context))
            {
                // Every IfNeeded webhook that saw the object before this change must see it again.
                reinvoke.UnionWith(reinvocable);
                reinvocable.Clear();
            }

            if (hook.ReinvokeIfNeeded)
            {
                reinvocable.Add(hook);
            }
        }

        if (reinvoke.Count == 0)
        {
            return;
        }

        foreach (var hook in hooks.Where(reinvoke.Contains))
        {
            CallIfMatching(hook, attributes, WebhookRequest.From(attributes), context);
        }
    }

    /// <summary>Calls <paramref name="hook"/> if it matches; whether its patch changed the object.</summary>
    private bool CallIfMatching(WebhookDefinition hook, AdmissionAttributes attributes, WebhookRequest request, WebhookCallContext context)
    {
        if (Selection.Match(hook, request) is not { } invocation)
        {
            return false;
        }

        var outcome = Call(invocation, request, context);
        if (outcome.Response is { } response)
        {
            Invoker.Record(response);
        }

        if (outcome.Error is { } error)
        {
            throw error;
        }

        return outcome.Response is { } allowed && WebhookPatcher.Apply(hook, allowed, attributes);
    }
}
