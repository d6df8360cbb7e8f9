namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>The admission webhooks' log lines.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed calling webhook, failing open {Webhook}: {Reason}")]
    public static partial void FailingOpen(ILogger logger, string webhook, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed calling webhook, failing closed {Webhook}: {Reason}")]
    public static partial void FailingClosed(ILogger logger, string webhook, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected by webhook {Webhook}: {Message}")]
    public static partial void Rejected(ILogger logger, string webhook, string message);
}
