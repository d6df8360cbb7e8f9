using System.Collections.Frozen;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Tables.Printers;

namespace Orchestrator.ApiServer.Tables;

/// <summary>
/// The printer of each served kind, by (group, plural). Kinds upstream has no printer for
/// (limitranges) and any other resource get upstream's default NAME / CREATED AT table.
/// </summary>
internal static class TablePrinters
{
    private static readonly ITablePrinter Default = new DefaultPrinter();

    private static readonly FrozenDictionary<(string Group, string Plural), ITablePrinter> ByResource =
        new Dictionary<(string Group, string Plural), ITablePrinter>
        {
            [("", "pods")] = new PodPrinter(),
            [("", "namespaces")] = new NamespacePrinter(),
            [("", "nodes")] = new NodePrinter(),
            [("", "services")] = new ServicePrinter(),
            [("", "endpoints")] = new EndpointsPrinter(),
            [("", "configmaps")] = new ConfigMapPrinter(),
            [("", "secrets")] = new SecretPrinter(),
            [("", "serviceaccounts")] = new ServiceAccountPrinter(),
            [("", "events")] = new EventPrinter(EventFields.Core),
            [("", "persistentvolumes")] = new PersistentVolumePrinter(),
            [("", "persistentvolumeclaims")] = new PersistentVolumeClaimPrinter(),
            [("", "resourcequotas")] = new ResourceQuotaPrinter(),
            [("apps", "deployments")] = new DeploymentPrinter(),
            [("apps", "replicasets")] = new ReplicaSetPrinter(),
            [("apps", "statefulsets")] = new StatefulSetPrinter(),
            [("apps", "daemonsets")] = new DaemonSetPrinter(),
            [("apps", "controllerrevisions")] = new ControllerRevisionPrinter(),
            [("batch", "jobs")] = new JobPrinter(),
            [("batch", "cronjobs")] = new CronJobPrinter(),
            [("policy", "poddisruptionbudgets")] = new PodDisruptionBudgetPrinter(),
            [("coordination.k8s.io", "leases")] = new LeasePrinter(),
            [("discovery.k8s.io", "endpointslices")] = new EndpointSlicePrinter(),
            [("events.k8s.io", "events")] = new EventPrinter(EventFields.EventsV1),
            [("node.k8s.io", "runtimeclasses")] = new RuntimeClassPrinter(),
            [("scheduling.k8s.io", "priorityclasses")] = new PriorityClassPrinter(),
        }.ToFrozenDictionary();

    public static ITablePrinter For(ResourceDefinition resource) =>
        ByResource.GetValueOrDefault((resource.Group, resource.Plural), Default);
}
