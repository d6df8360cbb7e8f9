namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>The resource an autoscaler's scaleTargetRef names, found through discovery: group ("" for core), version, plural.</summary>
internal sealed record ScaleTarget(string Group, string Version, string Resource);
