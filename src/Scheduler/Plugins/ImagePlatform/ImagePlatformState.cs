using Platform = Orchestrator.ApiMachinery.Images.ImagePlatform;

namespace Orchestrator.Scheduler.Plugins.ImagePlatform;

/// <summary>PreFilter's result: each image of the pod whose platforms are known, with those platforms.</summary>
internal sealed record ImagePlatformState(IReadOnlyList<(string Image, IReadOnlyList<Platform> Platforms)> Images);
