namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>A sync stopped after writing why into conditions and events; the autoscaler is tried again next period.</summary>
internal sealed class SyncFailedException(string message) : Exception(message);
