namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

internal sealed partial class HorizontalPodAutoscalerController
{
    [LoggerMessage(Level = LogLevel.Information, Message = "HorizontalPodAutoscaler {Key}: rescaled {Reference} from {Old} to {New}: {Reason}")]
    private partial void LogRescaled(NamespacedName key, string reference, int old, int @new, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HorizontalPodAutoscaler {Key}: {Error}")]
    private partial void LogSyncProblem(NamespacedName key, string error);
}
