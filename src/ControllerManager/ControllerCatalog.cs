using Orchestrator.Client;

namespace Orchestrator.ControllerManager;

/// <summary>Every controller this controller manager can run, by upstream name.</summary>
internal static class ControllerCatalog
{
    public static IReadOnlyList<(string Name, Func<ControllerContext, IController> Create)> All { get; } =
    [
    ];
}
