using k8s;
using k8s.Models;
using Orchestrator.Testing;

namespace Orchestrator.Client.Tests.Support;

/// <summary>One real in-process API server shared by the tests of a class; each test uses its own namespace.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private InProcessApiServer? _api;
    private int _namespaces;

    public InProcessApiServer Api => _api ?? throw new InvalidOperationException("not started");

    public IKubernetes Client => Api.Client;

    public async Task InitializeAsync() => _api = await InProcessApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    /// <summary>Creates a fresh namespace for one test.</summary>
    public async Task<string> NewNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }
}
