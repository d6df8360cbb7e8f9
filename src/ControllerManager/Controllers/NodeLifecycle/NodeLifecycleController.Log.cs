namespace Orchestrator.ControllerManager.Controllers.NodeLifecycle;

internal sealed partial class NodeLifecycleController
{
    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} stopped posting status: conditions set to Unknown")]
        public static partial void NodeUnknown(ILogger logger, string node);

        [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} taints now {Taints}")]
        public static partial void TaintsUpdated(ILogger logger, string node, string taints);

        [LoggerMessage(Level = LogLevel.Information, Message = "Evicted pod {Namespace}/{Name} from tainted node {Node}")]
        public static partial void PodEvicted(ILogger logger, string @namespace, string name, string node);
    }
}
