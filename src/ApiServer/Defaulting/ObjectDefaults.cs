using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Defaulting;

/// <summary>
/// Upstream's field defaulting (the SetDefaults_* run on every decode), by resource. Only absent
/// fields are filled, so applying it again, or to an update, changes nothing the client set.
/// </summary>
internal static class ObjectDefaults
{
    /// <param name="create">Whether the object is being created (create-only admission defaults apply).</param>
    public static void Apply(ResourceDefinition resource, JsonObject body, bool create)
    {
        switch (resource.Group, resource.Plural)
        {
            case ("", "pods"):
                PodDefaults.Apply(body, create);
                break;
            case ("", "secrets"):
                CoreDefaults.Secret(body);
                break;
            case ("", "persistentvolumeclaims"):
                CoreDefaults.PersistentVolumeClaim(body);
                break;
            case ("", "persistentvolumes"):
                CoreDefaults.PersistentVolume(body);
                break;
            case ("", "endpoints"):
                CoreDefaults.Endpoints(body);
                break;
            case ("apps", "deployments"):
                DeploymentDefaults.Apply(body);
                break;
            case ("apps", "replicasets"):
                ReplicaSetDefaults.Apply(body);
                break;
            case ("apps", "statefulsets"):
                StatefulSetDefaults.Apply(body);
                break;
            case ("apps", "daemonsets"):
                DaemonSetDefaults.Apply(body);
                break;
            case ("batch", "jobs"):
                JobDefaults.Apply(body);
                break;
            case ("batch", "cronjobs"):
                CronJobDefaults.Apply(body);
                break;
            case ("scheduling.k8s.io", "priorityclasses"):
                CoreDefaults.PriorityClass(body);
                break;
        }
    }
}
