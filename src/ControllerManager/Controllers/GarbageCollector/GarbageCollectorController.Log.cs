namespace Orchestrator.ControllerManager.Controllers.GarbageCollector;

internal sealed partial class GarbageCollectorController
{
    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Kind} {Namespace}/{Name}: no owner left (propagation {Policy})")]
        public static partial void Deleted(ILogger logger, string kind, string @namespace, string name, string policy);

        [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} stale ownerReferences from {Kind} {Namespace}/{Name}")]
        public static partial void RemovedOwnerReferences(ILogger logger, string kind, string @namespace, string name, int count);

        [LoggerMessage(Level = LogLevel.Information, Message = "Removed finalizer {Finalizer} from {Kind} {Namespace}/{Name}")]
        public static partial void RemovedFinalizer(ILogger logger, string finalizer, string kind, string @namespace, string name);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot check an owner of kind {ApiVersion}/{Kind}: not served; keeping its dependents")]
        public static partial void UnknownOwnerKind(ILogger logger, string apiVersion, string kind);
    }
}
