namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// A webhook could not be called or answered nonsense (upstream's ErrCallingWebhook): what
/// <c>failurePolicy</c> decides about: Ignore lets the request through, Fail refuses it with 500.
/// </summary>
internal sealed class WebhookCallException(string webhook, string reason, Exception? inner = null)
    : Exception(WebhookErrors.CallingMessage(webhook, reason), inner)
{
    public string Webhook { get; } = webhook;

    public string Reason { get; } = reason;
}
