namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

internal sealed partial class HorizontalPodAutoscalerController
{
    [LoggerMessage(Level = LogLevel.Information, Message = "HorizontalPodAutoscaler {Key}: rescaled {Reference} from {Old} to {New}: {Reason}")]
    private static partial void LogRescaled(ILogger logger, NamespacedName key, string reference, int old, int @new, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HorizontalPodAutoscaler {Key}: {Error}")]
    private static partial void LogSyncProblem(ILogger logger, NamespacedName key, string error);
}
