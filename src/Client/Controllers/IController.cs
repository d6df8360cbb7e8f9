namespace Orchestrator.Client;

/// <summary>A long-running loop of a component (a controller, the scheduler, a kubelet part).</summary>
public interface IController
{
    string Name { get; }

    /// <summary>Runs until <paramref name="ct"/> is cancelled; returns normally then.</summary>
    Task RunAsync(CancellationToken ct);
}
