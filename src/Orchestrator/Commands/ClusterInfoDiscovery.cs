using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Orchestrator.Host.Commands;

/// <summary>
/// kubeadm's token discovery: GET kube-public/cluster-info without credentials and without verifying
/// the server (nothing is trusted yet), verify its <c>jws-kubeconfig-&lt;id&gt;</c> with the token (HS256
/// only), then pin the CA of the kubeconfig it carries with --discovery-token-ca-cert-hash. Only then
/// is the server trusted, through that CA.
/// </summary>
internal static class ClusterInfoDiscovery
{
    /// <summary>How often a cluster-info that cannot be read, or is not yet signed for the token, is read again.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The API server URL and CA cluster-info names, verified. As kubeadm's discovery, a server that cannot be reached
    /// or a cluster-info without a signature for the token id yet (a token just created, before the bootstrap signer
    /// ran) is retried every <see cref="RetryInterval"/> until <paramref name="timeout"/>; a signature that does not
    /// verify or a CA that does not match the hash fails at once.
    /// </summary>
    /// <exception cref="JoinException">With what failed: unreachable, wrong token, bad signature, CA hash mismatch.</exception>
    public static async Task<(Uri Server, X509Certificate2 Ca)> DiscoverAsync(Uri server, BootstrapToken token, string caHash, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        JoinException? retriable = null;
        while (true)
        {
            try
            {
                var json = await FetchAsync(server, attempt.Token);
                if (IsSigned(json, token))
                {
                    return Verify(json, token, caHash);
                }

                retriable = NotSigned(token);
            }
            catch (JoinException e) when (e.Retriable)
            {
                retriable = e;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw TimedOut();
            }

            try
            {
                await Task.Delay(RetryInterval, time, attempt.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw TimedOut();
            }
        }

        JoinException TimedOut() => new(retriable is null
            ? $"no answer from {server} within the discovery timeout {Seconds(timeout)}"
            : $"{retriable.Message} (retried for the discovery timeout {Seconds(timeout)})");
    }

    /// <summary>The checks on a fetched cluster-info ConfigMap (JSON), without I/O.</summary>
    public static (Uri Server, X509Certificate2 Ca) Verify(JsonObject clusterInfo, BootstrapToken token, string caHash)
    {
        var data = clusterInfo["data"] as JsonObject;
        var kubeconfig = data?[BootstrapTokenSecrets.KubeconfigKey]?.GetValue<string>()
            ?? throw new JoinException("cluster-info has no kubeconfig");
        var jws = data[BootstrapTokenSecrets.JwsKeyPrefix + token.Id]?.GetValue<string>() ?? throw NotSigned(token);
        bool valid;
        try
        {
            valid = DetachedJws.Verify(jws, kubeconfig, token);
        }
        catch (FormatException e)
        {
            throw new JoinException($"the cluster-info signature for token id \"{token.Id}\" is not acceptable: {e.Message}");
        }

        if (!valid)
        {
            throw new JoinException($"failed to verify the cluster-info signature with token \"{token.Id}.…\": the token is wrong");
        }

        var config = KubeconfigReader.Parse(kubeconfig);
        var cluster = config.Clusters?.FirstOrDefault()?.ClusterEndpoint
            ?? throw new JoinException("the kubeconfig in cluster-info has no cluster");
        if (cluster.CertificateAuthorityData is not { Length: > 0 } caData || cluster.Server is not { Length: > 0 } url)
        {
            throw new JoinException("the kubeconfig in cluster-info has no server or no certificate-authority-data");
        }

        var ca = Pem.Certificates(Encoding.ASCII.GetString(Convert.FromBase64String(caData)))[0];
        if (!CaCertHash.Matches(ca, caHash))
        {
            throw new JoinException($"CA hash does not match: cluster-info's CA pins {CaCertHash.Of(ca)}, --discovery-token-ca-cert-hash is {caHash}");
        }

        return (new Uri(url), ca);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static bool IsSigned(JsonObject clusterInfo, BootstrapToken token) =>
        (clusterInfo["data"] as JsonObject)?.ContainsKey(BootstrapTokenSecrets.JwsKeyPrefix + token.Id) == true;

    private static JoinException NotSigned(BootstrapToken token) =>
        new($"token id \"{token.Id}\" not found in cluster-info: the token is wrong or expired");

    private static async Task<JsonObject> FetchAsync(Uri server, CancellationToken ct)
    {
        // No trust yet: the JWS and the CA hash are what make the answer trustworthy, as in kubeadm.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "/api/v1/namespaces/kube-public/configmaps/cluster-info"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new JoinException($"cannot reach {server}: {e.Message}", retriable: true);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new JoinException($"GET cluster-info from {server} answered {(int)response.StatusCode}: {body}", retriable: true);
            }

            return JsonNode.Parse(body) as JsonObject ?? throw new JoinException("cluster-info is not a JSON object");
        }
    }
}
