namespace Orchestrator.ControllerManager.Controllers.ClusterRoleAggregation;

/// <summary>The list and watch of ClusterRoles, for the shared informer of this controller.</summary>
internal static class ClusterRoleListWatch
{
    public static ListWatch<V1ClusterRole> ClusterRoles { get; } = ListWatch<V1ClusterRole>.Create<V1ClusterRoleList>(
        (c, r, ct) => c.RbacAuthorizationV1.ListClusterRoleAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.RbacAuthorizationV1.WatchListClusterRoleAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));
}
