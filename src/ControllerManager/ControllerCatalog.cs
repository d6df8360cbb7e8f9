using Orchestrator.Client;

namespace Orchestrator.ControllerManager;

/// <summary>Every controller this controller manager can run, by upstream name.</summary>
internal static class ControllerCatalog
{
    public static IReadOnlyList<(string Name, Func<ControllerContext, ControllerManagerOptions, IController> Create)> All { get; } =
    [
        ("replicaset", (c, _) => new Controllers.ReplicaSet.ReplicaSetController(c)),
        ("deployment", (c, _) => new Controllers.Deployment.DeploymentController(c)),
    ];
}
