namespace Orchestrator.E2E.Tests.Bundles;

/// <summary>
/// One orchestrator with its controllers, scheduler and a hollow node for the bundle corpus: Deployments
/// roll out, DaemonSets place a pod, Jobs start, namespaces and CustomResourceDefinitions finalize on delete.
/// </summary>
public sealed class BundleFixture : IAsyncLifetime
{
    public OrchestratorProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await OrchestratorProcess.StartAsync(null, null, "--hollow-nodes", "1");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
