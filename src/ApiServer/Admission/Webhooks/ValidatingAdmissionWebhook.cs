namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// Upstream's ValidatingAdmissionWebhook plugin, the last validating step of the chain: every matching
/// validating webhook is called in parallel; the write fails with the first error in configuration order:
/// a webhook's denial with its status, a failed call under failurePolicy Fail with 500 (under Ignore it is
/// skipped). Warnings of every answer reach the client.
/// </summary>
internal sealed class ValidatingAdmissionWebhook(WebhookSelection selection, WebhookInvoker invoker, ILogger<ValidatingAdmissionWebhook> logger) : IAdmissionPlugin
{
    public string Name => "ValidatingAdmissionWebhook";

    public bool Handles(AdmissionOperation operation) => true;

    public void Validate(AdmissionAttributes attributes)
    {
        var hooks = selection.Candidates(mutating: false, attributes);
        if (hooks.Count == 0)
        {
            return;
        }

        var request = WebhookRequest.From(attributes);
        List<WebhookInvocation> invocations = [.. hooks.Select(hook => selection.Match(hook, request)).OfType<WebhookInvocation>()];
        if (invocations.Count == 0)
        {
            return;
        }

        var context = invoker.Context(request);
        var outcomes = new Outcome[invocations.Count];

        // The first call runs on this thread, the others alongside it.
        var others = invocations.Skip(1).Select((invocation, i) => Task.Run(() => outcomes[i + 1] = Call(invocation, request, context))).ToArray();
        outcomes[0] = Call(invocations[0], request, context);
        Task.WaitAll(others);
        foreach (var outcome in outcomes)
        {
            if (outcome.Response is { } response)
            {
                invoker.Record(response);
            }
        }

        if (outcomes.FirstOrDefault(o => o.Error is not null).Error is { } error)
        {
            throw error;
        }
    }

    private Outcome Call(WebhookInvocation invocation, WebhookRequest request, WebhookCallContext context)
    {
        var hook = invocation.Hook;
        try
        {
            var response = invoker.Invoke(invocation, request, context);
            if (response.Allowed)
            {
                return new Outcome(response, null);
            }

            var denied = WebhookErrors.Denied(hook.Name, response.Status);
            WebhookLog.Rejected(logger, hook.Name, denied.Message);
            return new Outcome(response, denied);
        }
        catch (WebhookCallException e) when (hook.FailOpen)
        {
            WebhookLog.FailingOpen(logger, hook.Name, e.Reason);
            return new Outcome(null, null);
        }
        catch (WebhookCallException e)
        {
            WebhookLog.FailingClosed(logger, hook.Name, e.Reason);
            return new Outcome(null, WebhookErrors.FailedClosed(e));
        }
        catch (Errors.ApiException e)
        {
            return new Outcome(null, e);
        }
    }

    private readonly record struct Outcome(WebhookResponse? Response, Exception? Error);
}
