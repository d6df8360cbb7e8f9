namespace Orchestrator.Kubelet.Probes;

/// <summary>The end of an exec probe's command: exit code 0 is success; Output is stdout then stderr.</summary>
internal sealed record ProbeExecResult(int ExitCode, string Output);
