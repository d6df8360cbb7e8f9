namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Upstream's projected volume collectData: the files of every source (configMap, secret,
/// downwardAPI, serviceAccountToken) merged into one payload with the volume's defaultMode.
/// Failing sources are reported together.
/// </summary>
internal static class ProjectedPayload
{
    /// <param name="tokens">
    /// The tokens already fetched through TokenRequest for this volume's serviceAccountToken sources (by
    /// source object); null when this kubelet has no API client for them (serviceAccountToken sources then fail).
    /// </param>
    public static Dictionary<string, FileProjection> Make(
        V1ProjectedVolumeSource source,
        V1Pod pod,
        IVolumeSources sources,
        IDictionary<string, ResourceQuantity>? nodeAllocatable,
        IReadOnlyDictionary<V1ServiceAccountTokenProjection, string>? tokens = null)
    {
        var ns = pod.Metadata?.NamespaceProperty ?? string.Empty;
        var payload = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        var errors = new ErrorList();
        foreach (var projection in source.Sources ?? [])
        {
            try
            {
                var files = projection switch
                {
                    { ConfigMap: { } cm } => Payloads.ForConfigMap(cm.Items, Payloads.Required(sources.GetConfigMap(ns, cm.Name), cm.Optional, "configmap", cm.Name), source.DefaultMode, cm.Optional == true),
                    { Secret: { } s } => Payloads.ForSecret(s.Items, Payloads.Required(sources.GetSecret(ns, s.Name), s.Optional, "secret", s.Name), source.DefaultMode, s.Optional == true),
                    { DownwardAPI: { } d } => DownwardApiPayload.Make(d.Items, pod, source.DefaultMode, nodeAllocatable),
                    { ServiceAccountToken: { } t } when tokens is not null && tokens.TryGetValue(t, out var token) =>
                        new Dictionary<string, FileProjection>(StringComparer.Ordinal) { [t.Path] = new FileProjection(System.Text.Encoding.UTF8.GetBytes(token), source.DefaultMode ?? Payloads.DefaultMode) },
                    { ServiceAccountToken: not null } => throw new VolumeSetupException("serviceAccountToken projection needs a token: this kubelet has no TokenRequest client"),
                    _ => throw new VolumeSetupException("projected volume source not supported by this kubelet (only configMap, secret, downwardAPI and serviceAccountToken are)"),
                };
                foreach (var (path, file) in files)
                {
                    payload[path] = file;
                }
            }
            catch (VolumeSetupException e)
            {
                errors.Add(e.Message);
            }
        }

        errors.ThrowIfAny();
        return payload;
    }
}
