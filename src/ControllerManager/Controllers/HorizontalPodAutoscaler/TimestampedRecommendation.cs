namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>A replica count the metrics recommended, and when.</summary>
internal readonly record struct TimestampedRecommendation(int Replicas, DateTimeOffset Time);
