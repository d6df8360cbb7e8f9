using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.E2E.Tests.Containers;

/// <summary>A pod's projected service-account volume on a real node, and what its token may do against the API server over TLS.</summary>
[Collection(ContainerdCollection.Name)]
public sealed class ServiceAccountTokenTests(ContainerdCluster cluster)
{
    private const string Dir = "/var/run/secrets/kubernetes.io/serviceaccount";

    [Fact]
    public async Task The_projected_token_of_a_pod_whose_account_is_bound_to_view_lists_pods_and_cannot_read_secrets()
    {
        var ns = await cluster.NamespaceAsync("satoken");
        await cluster.Apply(ns, $$$"""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: default-view}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects: [{kind: ServiceAccount, name: default, namespace: {{{ns}}}}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: in-cluster}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: {{{Manifests.Image}}}
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
            """);

        var pod = await cluster.PodAsync(ns, "in-cluster", ContainerdCluster.IsRunning, "the pod running", seconds: 90);
        Assert.Equal("default", pod.Spec.ServiceAccountName);
        Assert.Contains(pod.Spec.Volumes, v => v.Name.StartsWith("kube-api-access-", StringComparison.Ordinal));
        using var kubectl = cluster.Kubectl();
        var token = (await cluster.Ok(kubectl, "exec", "in-cluster", "-n", ns, "--", "cat", Dir + "/token")).Stdout.Trim();
        var caPem = (await cluster.Ok(kubectl, "exec", "in-cluster", "-n", ns, "--", "cat", Dir + "/ca.crt")).Stdout;
        Assert.Equal(ns, (await cluster.Ok(kubectl, "exec", "in-cluster", "-n", ns, "--", "cat", Dir + "/namespace")).Stdout.Trim());

        // The token and CA as in-cluster config uses them: TLS verified by the volume's ca.crt, the token as bearer.
        using var ca = X509Certificate2.CreateFromPem(caPem);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is X509Certificate2 leaf && Orchestrator.ApiMachinery.Certificates.CertificateChains.IssuedBy(leaf, ca, DateTimeOffset.UtcNow);
        using var http = new HttpClient(handler) { BaseAddress = cluster.Server.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // The view role is filled by the aggregation controller: allow it a moment after start.
        var pods = HttpStatusCode.Forbidden;
        await cluster.Eventually(async () =>
        {
            using var response = await http.GetAsync($"/api/v1/namespaces/{ns}/pods");
            pods = response.StatusCode;
            return pods == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), "the pod's token lists pods");

        using var secrets = await http.GetAsync($"/api/v1/namespaces/{ns}/secrets");
        Assert.Equal(HttpStatusCode.Forbidden, secrets.StatusCode);
        var message = System.Text.Json.JsonDocument.Parse(await secrets.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString();
        Assert.Equal($"secrets is forbidden: User \"system:serviceaccount:{ns}:default\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{ns}\"", message);
        using var create = await http.PostAsync($"/api/v1/namespaces/{ns}/configmaps", new StringContent("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }
}
