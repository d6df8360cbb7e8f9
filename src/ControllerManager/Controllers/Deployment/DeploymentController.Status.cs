using Orchestrator.ControllerManager.Controllers.ReplicaSet;

namespace Orchestrator.ControllerManager.Controllers.Deployment;

internal sealed partial class DeploymentController
{
    /// <summary>Writes the revision annotation and the status if they changed; asks to look again before a progress deadline.</summary>
    private async Task<ReconcileResult> FinishAsync(DeploymentSyncState state, V1DeploymentStatus status, CancellationToken ct)
    {
        var d = state.Deployment;
        if (state.Revision is { } revision && (d.Metadata.Annotations?.TryGetValue(DeploymentAnnotations.Revision, out var current) == true ? current : null) != revision)
        {
            // The revision lives in metadata, which the status subresource does not write.
            var patch = new V1Patch(
                "{\"metadata\":{\"annotations\":{\"" + DeploymentAnnotations.Revision + "\":\"" + revision + "\"}}}",
                V1Patch.PatchType.MergePatch);
            var patched = await Context.Client.AppsV1.PatchNamespacedDeploymentAsync(patch, d.Metadata.Name, d.Metadata.NamespaceProperty, cancellationToken: ct);
            d.Metadata.ResourceVersion = patched.Metadata.ResourceVersion;
        }

        if (state.StatusChanged(status))
        {
            await WriteStatusAsync(state, status, ct);
        }

        return DeploymentProgress.RecheckAfter(d, status, state.Now) is { } after ? new ReconcileResult(after) : ReconcileResult.Done;
    }

    private async Task WriteStatusAsync(DeploymentSyncState state, V1DeploymentStatus status, CancellationToken ct)
    {
        var copy = ObjectCopy.Deep(state.Cached);
        copy.Metadata.ResourceVersion = state.Deployment.Metadata.ResourceVersion;
        copy.Status = status;
        if (copy.Status.Conditions is { Count: 0 })
        {
            copy.Status.Conditions = null;
        }

        var written = await Context.Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(copy, copy.Metadata.Name, copy.Metadata.NamespaceProperty, cancellationToken: ct);
        state.Deployment.Metadata.ResourceVersion = written.Metadata.ResourceVersion;
    }
}
