namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>The target's scale could not be read or written; the message is upstream's wording where there is one.</summary>
internal sealed class ScaleTargetException(string message, Exception? inner = null) : Exception(message, inner);
