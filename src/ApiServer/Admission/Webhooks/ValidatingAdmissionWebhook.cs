namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// Upstream's ValidatingAdmissionWebhook plugin, the last validating step of the chain: every matching
/// validating webhook is called in parallel; the write fails with the first error in configuration order:
/// a webhook's denial with its status, a failed call under failurePolicy Fail with 500 (under Ignore it is
/// skipped). Warnings of every answer reach the client.
/// </summary>
internal sealed class ValidatingAdmissionWebhook(WebhookSelection selection, WebhookInvoker invoker, ILogger<ValidatingAdmissionWebhook> logger)
    : AdmissionWebhookPlugin(selection, invoker, logger), IAdmissionPlugin
{
    public override string Name => "ValidatingAdmissionWebhook";

    public void Validate(AdmissionAttributes attributes)
    {
        var hooks = Selection.Candidates(mutating: false, attributes);
        if (hooks.Count == 0)
        {
            return;
        }

        var request = WebhookRequest.From(attributes);
        List<WebhookInvocation> invocations = [.. hooks.Select(hook => Selection.Match(hook, request)).OfType<WebhookInvocation>()];
        if (invocations.Count == 0)
        {
            return;
        }

        var context = Invoker.Context(request);
        var outcomes = new WebhookOutcome[invocations.Count];

        // The first call runs on this thread, the others alongside it.
        var others = invocations.Skip(1).Select((invocation, i) => Task.Run(() => outcomes[i + 1] = Call(invocation, request, context))).ToArray();
        outcomes[0] = Call(invocations[0], request, context);
        Task.WaitAll(others);
        foreach (var outcome in outcomes)
        {
            if (outcome.Response is { } response)
            {
                Invoker.Record(response);
            }
        }

        if (outcomes.FirstOrDefault(o => o.Error is not null).Error is { } error)
        {
            throw error;
        }
    }
}
