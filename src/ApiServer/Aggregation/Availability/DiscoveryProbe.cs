namespace Orchestrator.ApiServer.Aggregation.Availability;

/// <summary>
/// The remote available controller's discovery check: one endpoint of the APIService's Service is resolved and asked
/// <c>GET /apis/&lt;group&gt;/&lt;version&gt;</c> (<c>/api/v1</c> for <c>v1.</c>) within <see cref="Timeout"/>, as
/// system:kube-aggregator in system:masters, presenting our front-proxy certificate and — as upstream — not verifying
/// the backend's serving certificate (the check is best effort; the proxy itself verifies). Any 2xx passes. Answers
/// null on success, else upstream's message.
/// </summary>
internal sealed class DiscoveryProbe(ServiceResolver resolver, BackendClients clients, FrontProxyIdentity identity)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<string?> CheckAsync(ApiServiceEntry apiService, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiService);
        var reference = apiService.Service ?? throw new ArgumentException("a local APIService has no backend to check", nameof(apiService));
        Uri backend;
        try
        {
            backend = await resolver.ResolveAsync(reference with { Port = reference.Port ?? 443 }, cancellationToken);
        }
        catch (ApiException e)
        {
            return e.Message;
        }

        var url = new Uri(backend, apiService.Name == "v1." ? "/api/" + apiService.Version : $"/apis/{apiService.Group}/{apiService.Version}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation(ProxyHeaders.User, "system:kube-aggregator");
        request.Headers.TryAddWithoutValidation(ProxyHeaders.Group, "system:masters");
        var client = clients.For(new BackendTls(null, identity.ClientCertificate, InsecureSkipVerify: true), routeServices: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 300 ? null : $"failing or missing response from {url}: bad status from {url}: {code}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"failing or missing response from {url}: Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
        }
        catch (HttpRequestException e)
        {
            return $"failing or missing response from {url}: Get \"{url}\": {ErrorText.Of(e)}";
        }
    }
}
