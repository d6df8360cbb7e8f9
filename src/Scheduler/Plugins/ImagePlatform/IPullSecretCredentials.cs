namespace Orchestrator.Scheduler.Plugins.ImagePlatform;

/// <summary>
/// The credential a pod's imagePullSecrets hold for an image's registry. Called off the scheduling thread, once per
/// cache miss. Thread-safe.
/// </summary>
public interface IPullSecretCredentials
{
    /// <summary>
    /// Reads the named Secrets of <paramref name="namespace"/> (type <c>kubernetes.io/dockerconfigjson</c> or
    /// <c>kubernetes.io/dockercfg</c>) and returns the first credential for <paramref name="image"/>'s registry;
    /// null when none has one (missing Secrets are skipped, as the kubelet does).
    /// </summary>
    Task<RegistryCredential?> GetAsync(string @namespace, IReadOnlyList<string> secretNames, string image, CancellationToken cancellationToken);
}
