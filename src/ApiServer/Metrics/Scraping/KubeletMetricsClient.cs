using System.Net.Http.Headers;

namespace Orchestrator.ApiServer.Metrics.Scraping;

/// <summary>
/// GETs a kubelet's <c>/metrics/resource</c> the way the API server dials kubelets for logs (<see cref="KubeletTls"/>),
/// reading at most <see cref="MaxBody"/> bytes: a kubelet answering with more is a failed scrape, not a memory spike.
/// </summary>
internal sealed class KubeletMetricsClient(KubeletTls tls) : IDisposable
{
    public const string Path = "/metrics/resource";

    /// <summary>The most a scrape reads (a node with 110 pods of a few containers sends well under 1 MiB).</summary>
    public const int MaxBody = 16 << 20;

    private readonly HttpClient _client = new(tls.Handler()) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxBody };

    /// <summary>The metrics text; an HTTP error status, a body over the limit or a connection failure throws.</summary>
    public async Task<string> GetAsync(KubeletEndpoint kubelet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kubelet);
        using var request = new HttpRequestMessage(HttpMethod.Get, kubelet.Url(Path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {Path}: {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                throw new InvalidDataException($"GET {Path}: the body is larger than {MaxBody} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public void Dispose() => _client.Dispose();
}
