namespace Orchestrator.Kubelet.Node;

/// <summary>One sample of the node's live resource use, the input of <see cref="NodeConditionsCalculator"/>.</summary>
internal sealed record NodeUsage(long MemoryAvailableBytes, long NodeFsAvailableBytes, long NodeFsCapacityBytes, long RunningProcesses, long MaxPid);
