using System.Net;
using k8s.Autorest;
using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.Scheduler.Plugins.ImagePlatform;

/// <summary>
/// Reads a pod's imagePullSecrets with a GET each (the scheduler holds <c>get secrets</c>, not list/watch: it needs
/// them only on a cache miss) and picks the credential for the image's registry as the kubelet's keyring does
/// (<see cref="DockerConfig"/>). Missing or malformed Secrets are skipped, as the kubelet skips them.
/// </summary>
internal sealed class SecretPullCredentials(IKubernetes client) : IPullSecretCredentials
{
    public async Task<RegistryCredential?> GetAsync(string @namespace, IReadOnlyList<string> secretNames, string image, CancellationToken cancellationToken)
    {
        if (!ImageName.TryParse(image, out var name, out _))
        {
            return null;
        }

        var credentials = new List<DockerCredential>();
        foreach (var secretName in secretNames)
        {
            try
            {
                var secret = await client.CoreV1.ReadNamespacedSecretAsync(secretName, @namespace, cancellationToken: cancellationToken);
                credentials.AddRange(DockerConfig.Parse(secret));
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Not there (yet): anonymous, as the kubelet pulls.
            }
            catch (FormatException)
            {
                // Not a docker config: skipped.
            }
        }

        return DockerConfig.Lookup(credentials, name) is { } found ? new RegistryCredential(found.Username, found.Password) : null;
    }
}
