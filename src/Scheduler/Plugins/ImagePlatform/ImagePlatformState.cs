using Orchestrator.ApiMachinery.Images;
using Platform = Orchestrator.ApiMachinery.Images.ImagePlatform;

namespace Orchestrator.Scheduler.Plugins.ImagePlatform;

/// <summary>
/// PreFilter's result: each image of the pod whose platforms are known, with those platforms; and Filter's answer for
/// the last node platform it saw (node platforms are shared instances, so the nodes of one platform cost one check).
/// Filters of one cycle run one at a time.
/// </summary>
internal sealed record ImagePlatformState(IReadOnlyList<(string Image, IReadOnlyList<Platform> Platforms)> Images)
{
    public NodePlatform? LastNode { get; set; }

    public Status? LastStatus { get; set; }
}
