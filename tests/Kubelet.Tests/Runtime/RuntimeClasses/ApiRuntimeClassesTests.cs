using k8s;
using k8s.Models;
using Orchestrator.Kubelet.Runtime.RuntimeClasses;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Runtime.RuntimeClasses;

/// <summary>runtimeClassName → handler against a real API server (upstream's runtimeclass Manager.LookupRuntimeHandler).</summary>
public sealed class ApiRuntimeClassesTests : IAsyncLifetime
{
    private InProcessApiServer _api = null!;

    public async Task InitializeAsync() => _api = await InProcessApiServer.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_runtime_class_resolves_to_its_handler_and_no_name_to_the_default()
    {
        var client = _api.Client;
        await client.NodeV1.CreateRuntimeClassAsync(new V1RuntimeClass { Metadata = new V1ObjectMeta { Name = "hyperv" }, Handler = "runhcs-wcow-hypervisor" });
        var classes = new ApiRuntimeClasses(client);

        Assert.Equal("runhcs-wcow-hypervisor", await classes.HandlerAsync("hyperv", CancellationToken.None));
        Assert.Equal(string.Empty, await classes.HandlerAsync(null, CancellationToken.None));
        Assert.Equal(string.Empty, await classes.HandlerAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_runtime_class_is_upstreams_not_found()
    {
        var client = _api.Client;

        var error = await Assert.ThrowsAsync<RuntimeClassLookupException>(() => new ApiRuntimeClasses(client).HandlerAsync("gone", CancellationToken.None));

        Assert.Equal("runtimeclass.node.k8s.io \"gone\" not found", error.Message);
    }
}
