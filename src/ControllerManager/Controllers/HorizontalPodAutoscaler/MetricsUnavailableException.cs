namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>The metrics API could not give the samples asked for; the message says why (it becomes the HPA's condition).</summary>
internal sealed class MetricsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
