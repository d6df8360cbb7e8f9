namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>One container of a pod template: which list it is in (<c>containers</c>, <c>initContainers</c>), its index there, its name and image.</summary>
internal sealed record ContainerImage(string List, int Index, string Name, string Image);
