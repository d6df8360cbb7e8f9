namespace Orchestrator.ControllerManager.Controllers.Workloads;

internal static class MetadataValues
{
    public static string? Label(this V1ObjectMeta meta, string key) =>
        meta.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    public static string? Annotation(this V1ObjectMeta meta, string key) =>
        meta.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;
}
