using Orchestrator.ControllerManager.Controllers.NodeIpam;
using Orchestrator.ControllerManager.Controllers.NodeLifecycle;

namespace Orchestrator.ControllerManager;

/// <summary>Every controller this controller manager can run, by upstream name (kube-controller-manager --controllers).</summary>
internal static class ControllerCatalog
{
    public static IReadOnlyList<(string Name, Func<ControllerContext, ControllerManagerOptions, IController> Create)> All { get; } =
    [
        ("replicaset", (c, _) => new Controllers.ReplicaSet.ReplicaSetController(c)),
        ("deployment", (c, _) => new Controllers.Deployment.DeploymentController(c)),
        ("statefulset", (c, _) => new Controllers.StatefulSet.StatefulSetController(c)),
        ("daemonset", (c, _) => new Controllers.DaemonSet.DaemonSetController(c)),
        ("job", (c, _) => new Controllers.Job.JobController(c)),
        ("cronjob", (c, _) => new Controllers.CronJob.CronJobController(c)),
        ("garbagecollector", (c, _) => new Controllers.GarbageCollector.GarbageCollectorController(c)),
        ("namespace", (c, _) => new Controllers.Namespace.NamespaceController(c)),
        ("serviceaccount", (c, _) => new Controllers.ServiceAccount.ServiceAccountController(c)),
        ("nodelifecycle", (c, o) => new NodeLifecycleController(c, NodeLifecycle(o))),
        ("endpoint", (c, _) => new Controllers.Endpoints.EndpointsController(c)),
        ("endpointslice", (c, _) => new Controllers.EndpointSlice.EndpointSliceController(c)),
        ("nodeipam", (c, o) => new NodeIpamController(c, new NodeIpamOptions { ClusterCidr = o.ClusterCidr })),
        ("podgc", (c, _) => new Controllers.PodGc.PodGcController(c)),
        (Controllers.CsrApproving.CsrApprovingController.ControllerName, (c, _) => new Controllers.CsrApproving.CsrApprovingController(c)),
        (Controllers.CsrSigning.CsrSigningController.ControllerName, (c, o) => new Controllers.CsrSigning.CsrSigningController(c, o.Signing)),
        (Controllers.BootstrapSigner.BootstrapSignerController.ControllerName, (c, _) => new Controllers.BootstrapSigner.BootstrapSignerController(c)),
        (Controllers.TokenCleaner.TokenCleanerController.ControllerName, (c, _) => new Controllers.TokenCleaner.TokenCleanerController(c)),
        (Controllers.RootCaPublisher.RootCaPublisherController.ControllerName, (c, o) => new Controllers.RootCaPublisher.RootCaPublisherController(c, o.RootCaBundle ?? "")),
        (Controllers.ClusterRoleAggregation.ClusterRoleAggregationController.ControllerName, (c, _) => new Controllers.ClusterRoleAggregation.ClusterRoleAggregationController(c)),
        (Controllers.HorizontalPodAutoscaler.HorizontalPodAutoscalerController.ControllerName, (c, o) => new Controllers.HorizontalPodAutoscaler.HorizontalPodAutoscalerController(c, o.HorizontalPodAutoscaler)),
        (Controllers.ServiceLoadBalancer.ServiceLoadBalancerController.ControllerName, (c, o) => new Controllers.ServiceLoadBalancer.ServiceLoadBalancerController(c, o.LoadBalancerAddressPool())),
        (Controllers.PersistentVolume.PersistentVolumeBinderController.ControllerName, (c, _) => new Controllers.PersistentVolume.PersistentVolumeBinderController(c)),
        (Controllers.PvcProtection.PvcProtectionController.ControllerName, (c, _) => new Controllers.PvcProtection.PvcProtectionController(c)),
        (Controllers.PvProtection.PvProtectionController.ControllerName, (c, _) => new Controllers.PvProtection.PvProtectionController(c)),
    ];

    /// <summary>Upstream's monitor period is 5 s; a shorter grace period (tests) is checked at least four times over.</summary>
    private static NodeLifecycleOptions NodeLifecycle(ControllerManagerOptions options)
    {
        var quarter = options.NodeMonitorGracePeriod / 4;
        var period = quarter < TimeSpan.FromSeconds(5) ? quarter : TimeSpan.FromSeconds(5);
        return new NodeLifecycleOptions { NodeMonitorGracePeriod = options.NodeMonitorGracePeriod, NodeMonitorPeriod = period };
    }
}
