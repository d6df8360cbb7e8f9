using System.Collections.Concurrent;
using Orchestrator.Kubelet.Probes;

namespace Orchestrator.Kubelet.Tests.Probes;

/// <summary>Answers exec probes from a per-command script; records every call.</summary>
internal sealed class FakeProbeExec : IProbeExec
{
    private readonly ConcurrentDictionary<string, Func<ProbeExecResult>> _answers = new();

    public ConcurrentQueue<(string ContainerId, string Command, TimeSpan Timeout)> Calls { get; } = new();

    /// <summary>Sets what <paramref name="command"/> (its words joined by spaces) returns from now on.</summary>
    public void Answer(string command, int exitCode, string output = "") => _answers[command] = () => new ProbeExecResult(exitCode, output);

    public void Throw(string command, Exception error) => _answers[command] = () => throw error;

    public int CallsOf(string command) => Calls.Count(c => c.Command == command);

    public Task<ProbeExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct)
    {
        var line = string.Join(' ', command);
        Calls.Enqueue((containerId, line, timeout));
        try
        {
            return Task.FromResult(_answers.TryGetValue(line, out var answer) ? answer() : throw new InvalidOperationException($"no answer scripted for '{line}'"));
        }
        catch (Exception e)
        {
            return Task.FromException<ProbeExecResult>(e);
        }
    }
}
