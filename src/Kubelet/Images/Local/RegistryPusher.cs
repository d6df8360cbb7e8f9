using System.Net.Http.Headers;

namespace Orchestrator.Kubelet.Images.Local;

/// <summary>
/// Pushes an <see cref="OciImage"/> to a registry over the Docker Registry HTTP API v2 (no auth): each blob is
/// checked with HEAD and, when missing, uploaded monolithically (POST an upload session, PUT with the digest);
/// then the manifest is PUT under the tag.
/// </summary>
public sealed class RegistryPusher(HttpClient http)
{
    /// <summary>Pushes <paramref name="image"/> as <c>&lt;registry&gt;/&lt;repository&gt;:&lt;tag&gt;</c>.</summary>
    /// <param name="registry">Base address, e.g. <c>http://127.0.0.1:5000</c>.</param>
    public async Task PushAsync(Uri registry, string repository, string tag, OciImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        foreach (var blob in image.Layers.Append(image.Config))
        {
            await PushBlobAsync(registry, repository, blob, cancellationToken);
        }

        using var manifest = new ByteArrayContent(image.Manifest.Content);
        manifest.Headers.ContentType = new MediaTypeHeaderValue(image.Manifest.MediaType);
        using var response = await http.PutAsync(new Uri(registry, $"/v2/{repository}/manifests/{tag}"), manifest, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.Created, $"PUT manifest {repository}:{tag}", cancellationToken);
    }

    private async Task PushBlobAsync(Uri registry, string repository, OciBlob blob, CancellationToken cancellationToken)
    {
        using (var head = new HttpRequestMessage(HttpMethod.Head, new Uri(registry, $"/v2/{repository}/blobs/{blob.Digest}")))
        using (var exists = await http.SendAsync(head, cancellationToken))
        {
            if (exists.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
        }

        using var start = await http.PostAsync(new Uri(registry, $"/v2/{repository}/blobs/uploads/"), content: null, cancellationToken);
        await EnsureAsync(start, HttpStatusCode.Accepted, $"POST upload of {blob.Digest}", cancellationToken);
        var location = start.Headers.Location ?? throw new InvalidOperationException($"registry gave no Location for the upload of {blob.Digest}");
        var upload = location.IsAbsoluteUri ? location : new Uri(registry, location);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        using var content = new ByteArrayContent(blob.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await http.PutAsync(new Uri(upload + separator + "digest=" + Uri.EscapeDataString(blob.Digest)), content, cancellationToken);
        await EnsureAsync(put, HttpStatusCode.Created, $"PUT blob {blob.Digest}", cancellationToken);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"registry {what}: {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
    }
}
