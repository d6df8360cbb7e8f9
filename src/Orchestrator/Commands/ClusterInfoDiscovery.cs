using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Orchestrator.ApiMachinery.Bootstrap;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.Host.Commands;

/// <summary>
/// kubeadm's token discovery: GET kube-public/cluster-info without credentials and without verifying
/// the server (nothing is trusted yet), verify its <c>jws-kubeconfig-&lt;id&gt;</c> with the token (HS256
/// only), then pin the CA of the kubeconfig it carries with --discovery-token-ca-cert-hash. Only then
/// is the server trusted, through that CA.
/// </summary>
internal static class ClusterInfoDiscovery
{
    /// <summary>The API server URL and CA cluster-info names, verified.</summary>
    /// <exception cref="JoinException">With what failed: unreachable, wrong token, bad signature, CA hash mismatch.</exception>
    public static async Task<(Uri Server, X509Certificate2 Ca)> DiscoverAsync(Uri server, BootstrapToken token, string caHash, CancellationToken ct)
    {
        var json = await FetchAsync(server, ct);
        return Verify(json, token, caHash);
    }

    /// <summary>The checks on a fetched cluster-info ConfigMap (JSON), without I/O.</summary>
    public static (Uri Server, X509Certificate2 Ca) Verify(JsonObject clusterInfo, BootstrapToken token, string caHash)
    {
        var data = clusterInfo["data"] as JsonObject;
        var kubeconfig = data?[BootstrapTokenSecrets.KubeconfigKey]?.GetValue<string>()
            ?? throw new JoinException("cluster-info has no kubeconfig");
        var jws = data[BootstrapTokenSecrets.JwsKeyPrefix + token.Id]?.GetValue<string>()
            ?? throw new JoinException($"token id \"{token.Id}\" not found in cluster-info: the token is wrong or expired");
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

        var config = KubernetesClientConfiguration.LoadKubeConfig(new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig)));
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
            throw new JoinException($"cannot reach {server}: {e.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new JoinException($"GET cluster-info from {server} answered {(int)response.StatusCode}: {body}");
            }

            return JsonNode.Parse(body) as JsonObject ?? throw new JoinException("cluster-info is not a JSON object");
        }
    }
}
