namespace Orchestrator.Scheduler.Framework;

/// <summary>A scheduler plugin, registered and configured by its upstream name.</summary>
public interface IPlugin
{
    string Name { get; }
}
