using Orchestrator.Scheduler.Plugins.ImagePlatform;
using Orchestrator.Scheduler.Plugins.VolumeBinding;

namespace Orchestrator.Scheduler.Framework;

/// <summary>What plugins read beyond the snapshot: claims and volumes (VolumeBinding), image platforms (ImagePlatform, optional).</summary>
internal sealed record PluginDependencies(IVolumeBindingSource Volumes, ImagePlatformCache? Images);
