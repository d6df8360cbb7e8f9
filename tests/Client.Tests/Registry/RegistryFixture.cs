using Orchestrator.Testing;
using Xunit;

namespace Orchestrator.Client.Tests.Registry;

/// <summary>One real <see cref="RegistryProcess"/> for a test class, with <see cref="TestImages"/> pushing to it; killed and its directory removed after.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"registry-client-{Guid.NewGuid():N}");
    private RegistryProcess? _registry;
    private TestImages? _images;

    public RegistryProcess Registry => _registry ?? throw new InvalidOperationException("not started");

    public TestImages Images => _images ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _registry = await RegistryProcess.StartAsync(_directory);
        _images = new TestImages(_registry.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _images?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
