namespace Orchestrator.ControllerManager.Controllers.Namespace;

internal sealed partial class NamespaceController
{
    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Namespace {Namespace} still has content; looking again in {After}")]
        public static partial void ContentRemaining(ILogger logger, string @namespace, TimeSpan after);

        [LoggerMessage(Level = LogLevel.Information, Message = "Namespace {Namespace} is empty; removed the kubernetes finalizer")]
        public static partial void Finalized(ILogger logger, string @namespace);
    }
}
