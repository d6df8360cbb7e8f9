namespace Orchestrator.Scheduler.Queue;

/// <summary>How many pods wait in each part of the scheduling queue: upstream's <c>queue</c> label values of scheduler_pending_pods.</summary>
public readonly record struct PendingPods(int Active, int Backoff, int Unschedulable, int Gated);
