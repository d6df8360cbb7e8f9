using k8s.Autorest;

namespace Orchestrator.Kubelet.Runtime.RuntimeClasses;

/// <summary>
/// RuntimeClasses read from the API server when a sandbox is created (rare enough that a GET beats keeping an
/// informer; upstream's manager reads a lister). The node's identity may read them: system:node's rules allow
/// get/list/watch of node.k8s.io runtimeclasses.
/// </summary>
internal sealed class ApiRuntimeClasses(IKubernetes client) : IRuntimeClasses
{
    public async Task<string> HandlerAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        try
        {
            return (await client.NodeV1.ReadRuntimeClassAsync(name, cancellationToken: ct)).Handler;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // The lister's NotFound, as upstream words it (group resource runtimeclass.node.k8s.io).
            throw new RuntimeClassLookupException($"runtimeclass.node.k8s.io \"{name}\" not found", e);
        }
        catch (HttpOperationException e)
        {
            throw new RuntimeClassLookupException($"failed to lookup RuntimeClass {name}: {e.Response.StatusCode} {e.Response.Content}", e);
        }
    }
}
