namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>The list-and-watch of autoscaling/v2 HorizontalPodAutoscalers in every namespace.</summary>
internal static class HorizontalPodAutoscalers
{
    public static ListWatch<V2HorizontalPodAutoscaler> ListWatch { get; } = ListWatch<V2HorizontalPodAutoscaler>.Create<V2HorizontalPodAutoscalerList>(
        (c, r, ct) => c.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.AutoscalingV2.WatchListHorizontalPodAutoscalerForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));
}
