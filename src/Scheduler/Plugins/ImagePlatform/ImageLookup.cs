using Platform = Orchestrator.ApiMachinery.Images.ImagePlatform;

namespace Orchestrator.Scheduler.Plugins.ImagePlatform;

/// <summary>
/// What the cache knows about one image: its platforms (<see cref="Platforms"/> set), no opinion (the registry failed,
/// timed out or does not have it), or a read still in flight (<see cref="Pending"/> set).
/// </summary>
public sealed record ImageLookup(IReadOnlyList<Platform>? Platforms, Task? Pending)
{
    public static readonly ImageLookup NoOpinion = new(null, null);
}
