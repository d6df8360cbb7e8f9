using Orchestrator.ControllerManager.Controllers.NodeIpam;
using Orchestrator.ControllerManager.Controllers.NodeLifecycle;

namespace Orchestrator.ControllerManager;

/// <summary>Every controller this controller manager can run, by upstream name (kube-controller-manager --controllers).</summary>
internal static class ControllerCatalog
{
    /// <summary>Name (the --controllers flag), the source component of its events (upstream's recorder), factory.</summary>
    public static IReadOnlyList<(string Name, string EventSource, Func<ControllerContext, ControllerManagerOptions, IController> Create)> All { get; } =
    [
        ("replicaset", "replicaset-controller", (c, _) => new Controllers.ReplicaSet.ReplicaSetController(c)),
        ("deployment", "deployment-controller", (c, _) => new Controllers.Deployment.DeploymentController(c)),
        ("statefulset", "statefulset-controller", (c, _) => new Controllers.StatefulSet.StatefulSetController(c)),
        ("daemonset", "daemonset-controller", (c, _) => new Controllers.DaemonSet.DaemonSetController(c)),
        ("job", "job-controller", (c, _) => new Controllers.Job.JobController(c)),
        ("cronjob", "cronjob-controller", (c, _) => new Controllers.CronJob.CronJobController(c)),
        ("garbagecollector", "garbage-collector-controller", (c, _) => new Controllers.GarbageCollector.GarbageCollectorController(c)),
        ("namespace", "namespace-controller", (c, _) => new Controllers.Namespace.NamespaceController(c)),
        ("serviceaccount", "serviceaccount-controller", (c, _) => new Controllers.ServiceAccount.ServiceAccountController(c)),
        ("nodelifecycle", "node-controller", (c, o) => new NodeLifecycleController(c, NodeLifecycle(o))),
        ("endpoint", "endpoint-controller", (c, _) => new Controllers.Endpoints.EndpointsController(c)),
        ("endpointslice", "endpoint-slice-controller", (c, _) => new Controllers.EndpointSlice.EndpointSliceController(c)),
        ("nodeipam", "cidrAllocator", (c, o) => new NodeIpamController(c, new NodeIpamOptions { ClusterCidr = o.ClusterCidr })),
        ("podgc", "pod-garbage-collector", (c, _) => new Controllers.PodGc.PodGcController(c)),
        (Controllers.CsrApproving.CsrApprovingController.ControllerName, "certificate-controller", (c, _) => new Controllers.CsrApproving.CsrApprovingController(c)),
        (Controllers.CsrSigning.CsrSigningController.ControllerName, "certificate-controller", (c, o) => new Controllers.CsrSigning.CsrSigningController(c, o.Signing)),
        (Controllers.BootstrapSigner.BootstrapSignerController.ControllerName, "bootstrap-signer", (c, _) => new Controllers.BootstrapSigner.BootstrapSignerController(c)),
        (Controllers.TokenCleaner.TokenCleanerController.ControllerName, "token-cleaner", (c, _) => new Controllers.TokenCleaner.TokenCleanerController(c)),
        (Controllers.RootCaPublisher.RootCaPublisherController.ControllerName, "root-ca-cert-publisher", (c, o) => new Controllers.RootCaPublisher.RootCaPublisherController(c, o.RootCaBundle ?? "")),
        (Controllers.ClusterRoleAggregation.ClusterRoleAggregationController.ControllerName, "clusterrole-aggregation-controller", (c, _) => new Controllers.ClusterRoleAggregation.ClusterRoleAggregationController(c)),
        (Controllers.HorizontalPodAutoscaler.HorizontalPodAutoscalerController.ControllerName, "horizontal-pod-autoscaler", (c, o) => new Controllers.HorizontalPodAutoscaler.HorizontalPodAutoscalerController(c, o.HorizontalPodAutoscaler)),
        (Controllers.ServiceLoadBalancer.ServiceLoadBalancerController.ControllerName, "service-controller", (c, o) => new Controllers.ServiceLoadBalancer.ServiceLoadBalancerController(c, o.LoadBalancerAddressPool())),
        (Controllers.PersistentVolume.PersistentVolumeBinderController.ControllerName, "persistentvolume-controller", (c, _) => new Controllers.PersistentVolume.PersistentVolumeBinderController(c)),
        (Controllers.PvcProtection.PvcProtectionController.ControllerName, "pvc-protection-controller", (c, _) => new Controllers.PvcProtection.PvcProtectionController(c)),
        (Controllers.PvProtection.PvProtectionController.ControllerName, "pv-protection-controller", (c, _) => new Controllers.PvProtection.PvProtectionController(c)),
        (Controllers.ImageUpdate.ImageUpdateController.ControllerName, "image-update-controller", (c, o) => new Controllers.ImageUpdate.ImageUpdateController(c, o.ImageUpdate)),
    ];

    /// <summary>Upstream's monitor period is 5 s; a shorter grace period (tests) is checked at least four times over.</summary>
    private static NodeLifecycleOptions NodeLifecycle(ControllerManagerOptions options)
    {
        var quarter = options.NodeMonitorGracePeriod / 4;
        var period = quarter < TimeSpan.FromSeconds(5) ? quarter : TimeSpan.FromSeconds(5);
        return new NodeLifecycleOptions { NodeMonitorGracePeriod = options.NodeMonitorGracePeriod, NodeMonitorPeriod = period };
    }
}
