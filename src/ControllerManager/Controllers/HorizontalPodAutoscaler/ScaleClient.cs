namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// The scale subresource of any kind (upstream's scale client over a REST mapper): scaleTargetRef's apiVersion and
/// kind resolve through discovery of that group version to a resource with a "scale" subresource (Deployments,
/// ReplicaSets, StatefulSets, custom resources with a scale subresource), whose Scale is then read and written.
/// </summary>
internal sealed class ScaleClient(IKubernetes client)
{
    /// <exception cref="ScaleTargetException">Bad apiVersion, unknown kind, or no scale subresource.</exception>
    public async Task<ScaleTarget> ResolveAsync(V2CrossVersionObjectReference reference, CancellationToken ct)
    {
        var apiVersion = reference.ApiVersion ?? "";
        var parts = apiVersion.Split('/');
        if (apiVersion.Length == 0 || parts.Length > 2 || parts.Any(p => p.Length == 0))
        {
            throw new ScaleTargetException($"unexpected GroupVersion string: {apiVersion}");
        }

        var (group, version) = parts.Length == 2 ? (parts[0], parts[1]) : ("", parts[0]);
        V1APIResourceList resources;
        try
        {
            resources = group.Length == 0
                ? await client.CoreV1.GetAPIResourcesAsync(ct)
                : await client.CustomObjects.GetAPIResourcesAsync(group, version, ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new ScaleTargetException($"no matches for kind \"{reference.Kind}\" in version \"{apiVersion}\"", e);
        }

        var resource = resources.Resources.FirstOrDefault(r => r.Kind == reference.Kind && !r.Name.Contains('/', StringComparison.Ordinal))
            ?? throw new ScaleTargetException($"no matches for kind \"{reference.Kind}\" in version \"{apiVersion}\"");
        if (!resources.Resources.Any(r => r.Name == resource.Name + "/scale"))
        {
            throw new ScaleTargetException($"the server could not find the requested resource ({resource.Name}.{group} has no scale subresource)");
        }

        return new ScaleTarget(group, version, resource.Name);
    }

    public async Task<V1Scale> GetAsync(ScaleTarget target, string ns, string name, CancellationToken ct) =>
        target.Group.Length == 0
            ? await client.CoreV1.ReadNamespacedReplicationControllerScaleAsync(name, ns, cancellationToken: CoreOnly(target, ct))
            : Scale(await client.CustomObjects.GetNamespacedCustomObjectScaleAsync(target.Group, target.Version, ns, target.Resource, name, ct));

    public async Task UpdateAsync(ScaleTarget target, string ns, string name, V1Scale scale, CancellationToken ct)
    {
        scale.ApiVersion = "autoscaling/v1";
        scale.Kind = "Scale";
        if (target.Group.Length == 0)
        {
            await client.CoreV1.ReplaceNamespacedReplicationControllerScaleAsync(scale, name, ns, cancellationToken: CoreOnly(target, ct));
            return;
        }

        await client.CustomObjects.ReplaceNamespacedCustomObjectScaleAsync(scale, target.Group, target.Version, ns, target.Resource, name, cancellationToken: ct);
    }

    /// <summary>The only core resource with a scale subresource is replicationcontrollers.</summary>
    private static CancellationToken CoreOnly(ScaleTarget target, CancellationToken ct) =>
        target.Resource == "replicationcontrollers" ? ct : throw new ScaleTargetException($"the scale subresource of {target.Resource} is not supported");

    private static V1Scale Scale(object body) =>
        KubernetesJson.Deserialize<V1Scale>(body is JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(body))
        ?? throw new ScaleTargetException("the scale subresource returned no body");
}
