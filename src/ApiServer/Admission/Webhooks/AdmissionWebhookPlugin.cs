namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// What the mutating and validating webhook plugins share: both run on every operation, and a call to one matched
/// webhook ends alike — a denial is the webhook's status, a failed call is skipped under failurePolicy Ignore and a
/// 500 under Fail — with upstream's log lines. Not an <see cref="IAdmissionPlugin"/> itself: each plugin names the
/// interface, so its own <c>Admit</c> or <c>Validate</c> implements the interface's (a base that implemented it would
/// bind the interface's empty default methods instead).
/// </summary>
internal abstract class AdmissionWebhookPlugin(WebhookSelection selection, WebhookInvoker invoker, ILogger logger)
{
    public abstract string Name { get; }

    protected WebhookSelection Selection { get; } = selection;

    protected WebhookInvoker Invoker { get; } = invoker;

    public bool Handles(AdmissionOperation operation) => true;

    /// <summary>Calls one matched webhook; what it answered (null when the call failed) and the error that ends the write, if any.</summary>
    protected WebhookOutcome Call(WebhookInvocation invocation, WebhookRequest request, WebhookCallContext context)
    {
        var hook = invocation.Hook;
        try
        {
            var response = Invoker.Invoke(invocation, request, context);
            if (response.Allowed)
            {
                return new WebhookOutcome(response, null);
            }

            var denied = WebhookErrors.Denied(hook.Name, response.Status);
            WebhookLog.Rejected(logger, hook.Name, denied.Message);
            return new WebhookOutcome(response, denied);
        }
        catch (WebhookCallException e) when (hook.FailOpen)
        {
            WebhookLog.FailingOpen(logger, hook.Name, e.Reason);
            return new WebhookOutcome(null, null);
        }
        catch (WebhookCallException e)
        {
            WebhookLog.FailingClosed(logger, hook.Name, e.Reason);
            return new WebhookOutcome(null, WebhookErrors.FailedClosed(e));
        }
        catch (Errors.ApiException e)
        {
            return new WebhookOutcome(null, e);
        }
    }

    protected readonly record struct WebhookOutcome(WebhookResponse? Response, Exception? Error);
}
