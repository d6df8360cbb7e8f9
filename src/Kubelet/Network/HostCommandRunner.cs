namespace Orchestrator.Kubelet.Network;

/// <summary>
/// Runs one host tool (<c>ip</c>, <c>nft</c>) to completion with optional stdin. The node agent uses
/// <see cref="HostCommand.RunAsync(string, IEnumerable{string}, string?, CancellationToken)"/> in its own network
/// namespace; tests wrap it to run inside a scratch namespace.
/// </summary>
public delegate Task<HostCommandResult> HostCommandRunner(string file, IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken);
