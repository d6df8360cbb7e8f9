using Orchestrator.Client.Registry;
using Platform = Orchestrator.ApiMachinery.Images.ImagePlatform;

namespace Orchestrator.Scheduler.Tests.Plugins.ImagePlatform;

/// <summary>A registry of images with fixed platforms; counts reads; an image may fail, or wait for a gate.</summary>
internal sealed class FakeRegistry : IRegistryClient
{
    private readonly Dictionary<string, ImagePlatforms> _images = new(StringComparer.Ordinal);
    private int _gets;
    private int _heads;

    public int Gets => Volatile.Read(ref _gets);

    public int Heads => Volatile.Read(ref _heads);

    /// <summary>While set, reads wait for it.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    public List<RegistryCredential?> Credentials { get; } = [];

    public FakeRegistry With(string image, string digest, params Platform[] platforms)
    {
        _images[image] = new ImagePlatforms(digest, platforms);
        return this;
    }

    public async Task<ManifestHead> HeadManifestAsync(string image, RegistryCredential? credential, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _heads);
        await WaitAsync(image, cancellationToken);
        return _images.TryGetValue(image, out var found) ? new ManifestHead(ManifestHeadStatus.Found, found.Digest, null) : new ManifestHead(ManifestHeadStatus.NotFound, null, null);
    }

    public async Task<ImagePlatforms?> GetPlatformsAsync(string image, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _gets);
        lock (Credentials)
        {
            Credentials.Add(credential);
        }

        await WaitAsync(image, cancellationToken);
        return _images.GetValueOrDefault(image);
    }

    private async Task WaitAsync(string image, CancellationToken ct)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(ct);
        }

        if (Failing.Contains(image))
        {
            throw new RegistryException($"registry for {image} answered 503");
        }
    }
}
