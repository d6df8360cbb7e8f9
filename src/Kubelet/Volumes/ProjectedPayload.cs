using System.Text;
using k8s.Models;

namespace Orchestrator.Kubelet.Volumes;

/// <summary>
/// Upstream's projected volume collectData: the files of every source (configMap, secret,
/// downwardAPI, serviceAccountToken) merged into one payload with the volume's defaultMode.
/// Failing sources are reported together.
/// </summary>
internal static class ProjectedPayload
{
    public const string ServiceAccountTokenType = "kubernetes.io/service-account-token";
    public const string ServiceAccountNameAnnotation = "kubernetes.io/service-account.name";

    /// <param name="tokens">
    /// The tokens already fetched through TokenRequest for this volume's serviceAccountToken sources (by
    /// source object); null when this kubelet has no API client for them (the legacy token Secret is used).
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
                    { ServiceAccountToken: { } t } => Token(t, pod, sources, source.DefaultMode),
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

    /// <summary>
    /// Without a token client (tests that build the volume manager alone), a serviceAccountToken source is
    /// served from the service account's legacy token Secret (type kubernetes.io/service-account-token)
    /// when one exists; audience and expirationSeconds cannot be honoured by such a token.
    /// </summary>
    private static Dictionary<string, FileProjection> Token(V1ServiceAccountTokenProjection token, V1Pod pod, IVolumeSources sources, int? defaultMode)
    {
        var ns = pod.Metadata?.NamespaceProperty ?? string.Empty;
        var account = string.IsNullOrEmpty(pod.Spec?.ServiceAccountName) ? "default" : pod.Spec.ServiceAccountName;
        var secret = sources.ListSecrets(ns)
            .Where(s => s.Type == ServiceAccountTokenType && s.Metadata?.Annotations?.TryGetValue(ServiceAccountNameAnnotation, out var a) == true && a == account)
            .OrderBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .Select(SecretData.Of)
            .FirstOrDefault(d => d.ContainsKey("token"));
        if (secret is null)
        {
            throw new VolumeSetupException(
                $"serviceAccountToken projection needs a token: this kubelet has no TokenRequest client and service account \"{ns}/{account}\" has no Secret of type {ServiceAccountTokenType} with a token");
        }

        return new Dictionary<string, FileProjection>(StringComparer.Ordinal) { [token.Path] = new FileProjection(secret["token"], defaultMode ?? Payloads.DefaultMode) };
    }
}
