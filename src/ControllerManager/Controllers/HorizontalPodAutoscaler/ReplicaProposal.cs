namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>What one resource metric proposes: a replica count and the usage it saw.</summary>
/// <param name="Replicas">The proposed replica count (not yet limited by min/max or behavior).</param>
/// <param name="Utilization">The average utilization in percent of the requests (utilization targets only).</param>
/// <param name="AverageValue">The average usage per pod in milli-units.</param>
/// <param name="Timestamp">When the metrics were sampled.</param>
internal sealed record ReplicaProposal(int Replicas, int? Utilization, long AverageValue, DateTimeOffset Timestamp);
