using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>The three workload kinds: finding one in its cache, patching its template, reading its pull Secrets.</summary>
internal sealed partial class ImageUpdateController
{
    private ResourceEventHandler<T> Handler<T>(string kind)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        ResourceEventHandler<T>.ForEach(o => Runner.Enqueue(WorkloadKey.Of(kind, o.Metadata)));

    private (IKubernetesObject<V1ObjectMeta> Workload, V1PodTemplateSpec Template)? Find(string kind, NamespacedName name) => kind switch
    {
        WorkloadKey.Deployment when _deployments.Cache.Get(name) is { } d => (d, d.Spec.Template),
        WorkloadKey.StatefulSet when _statefulSets.Cache.Get(name) is { } s => (s, s.Spec.Template),
        WorkloadKey.DaemonSet when _daemonSets.Cache.Get(name) is { } ds => (ds, ds.Spec.Template),
        WorkloadKey.Deployment or WorkloadKey.StatefulSet or WorkloadKey.DaemonSet => null,
        _ => throw new TerminalException($"image-update key of unknown kind {kind}"),
    };

    private async Task PatchAsync(string kind, NamespacedName name, IReadOnlyList<ImageChange> changes, CancellationToken ct)
    {
        var patch = new V1Patch(Patch(changes), V1Patch.PatchType.JsonPatch);
        var apps = Context.Client.AppsV1;
        _ = kind switch
        {
            WorkloadKey.Deployment => (object)await apps.PatchNamespacedDeploymentAsync(patch, name.Name, name.Namespace, cancellationToken: ct),
            WorkloadKey.StatefulSet => await apps.PatchNamespacedStatefulSetAsync(patch, name.Name, name.Namespace, cancellationToken: ct),
            _ => await apps.PatchNamespacedDaemonSetAsync(patch, name.Name, name.Namespace, cancellationToken: ct),
        };
    }

    /// <summary>
    /// The docker-config entries of the template's imagePullSecrets, in order. A missing Secret is skipped (as the
    /// kubelet does); a malformed one gives a Warning Event and is skipped.
    /// </summary>
    private async Task<List<DockerCredential>> PullCredentialsAsync(IKubernetesObject<V1ObjectMeta> workload, V1PodSpec spec, CancellationToken ct)
    {
        var credentials = new List<DockerCredential>();
        foreach (var reference in spec.ImagePullSecrets ?? [])
        {
            if (string.IsNullOrEmpty(reference.Name))
            {
                continue;
            }

            try
            {
                var secret = await Context.Client.CoreV1.ReadNamespacedSecretAsync(reference.Name, workload.Metadata.NamespaceProperty, cancellationToken: ct);
                credentials.AddRange(DockerConfig.Parse(secret));
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                _log.LogInformation("imagePullSecret {Namespace}/{Secret} of {Workload} does not exist; pulling anonymously", workload.Metadata.NamespaceProperty, reference.Name, workload.Metadata.Name);
            }
            catch (FormatException e)
            {
                Context.Events.Record(workload, "Warning", "InvalidImagePullSecret", e.Message);
            }
        }

        return credentials;
    }
}
