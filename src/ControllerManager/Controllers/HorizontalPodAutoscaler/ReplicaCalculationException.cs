namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>A replica count could not be computed from one metric; the message is upstream's (it becomes a condition and an event).</summary>
internal sealed class ReplicaCalculationException(string message) : Exception(message);
