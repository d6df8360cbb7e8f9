using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>The errors webhooks end a request with, in upstream's words (admission/plugin/webhook/errors and util/webhook).</summary>
internal static class WebhookErrors
{
    /// <summary>ErrCallingWebhook's text.</summary>
    public static string CallingMessage(string webhook, string reason) => $"failed calling webhook \"{webhook}\": {reason}";

    /// <summary>A call that failed under failurePolicy Fail: apierrors.NewInternalError of the calling error.</summary>
    public static ApiException FailedClosed(WebhookCallException failure) => InternalError(failure.Message);

    public static ApiException InternalError(string message) =>
        new(500, "InternalError", "Internal error occurred: " + message);

    /// <summary>A dry run sent to a webhook that may have side effects (NewDryRunUnsupportedErr).</summary>
    public static ApiException DryRunUnsupported(string webhook) =>
        ApiErrors.BadRequest($"admission webhook \"{webhook}\" does not support dry run");

    /// <summary>
    /// A webhook's denial (ToStatusErr): the status it returned, with a code of at least 400 (400 when it gave
    /// none), its reason, and the message prefixed with who denied it.
    /// </summary>
    public static ApiException Denied(string webhook, JsonObject? status)
    {
        var deniedBy = $"admission webhook \"{webhook}\" denied the request";
        var code = (int)(status.LongOrNull("code") ?? 0);
        var message = status.String("message");
        var reason = status.String("reason");
        var text = message.Length > 0 ? $"{deniedBy}: {message}" : reason.Length > 0 ? $"{deniedBy}: {reason}" : $"{deniedBy} without explanation";
        return new ApiException(code < 400 ? 400 : code, reason, text);
    }
}
