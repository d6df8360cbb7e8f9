using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Models;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.E2E.Tests.Network;
using Orchestrator.Testing;
using Xunit.Abstractions;

namespace Orchestrator.E2E.Tests.Security;

/// <summary>
/// Real nodes join from their own network namespaces with `orchestrator join` (issue 13 §5, <see cref="JoinCluster"/>):
/// kubeadm's TLS bootstrap through an approved CSR, the node Ready with its proxy and DNS on the node's own identity,
/// its pods reachable from the LAN, from another node's pod through a ClusterIP Service and by DNS name, and
/// `kubectl logs/exec` through the API server over TLS; a wrong token or CA hash is refused with a clear message and
/// registers nothing.
/// </summary>
[Collection(JoinCollection.Name)]
public sealed class JoinTests(JoinCluster cluster, ITestOutputHelper output)
{
    private const string KubeletClientSigner = "kubernetes.io/kube-apiserver-client-kubelet";
    private const string Httpd = "mkdir -p /www && echo hello from $(hostname) > /www/index.html && exec httpd -f -v -p 8080 -h /www";

    [NetnsClusterFact]
    public async Task Each_node_joined_through_its_own_approved_and_issued_csr_and_is_ready()
    {
        var (token, _) = await cluster.CredentialsAsync();
        var requests = (await cluster.Client.CertificatesV1.ListCertificateSigningRequestAsync()).Items;

        foreach (var node in cluster.Nodes)
        {
            var csr = Assert.Single(requests, r => r.Status?.Certificate is { Length: > 0 } issued && Subject(issued).Contains("CN=system:node:" + node.Name, StringComparison.Ordinal));
            Assert.Equal(("system:bootstrap:" + token[..6], KubeletClientSigner), (csr.Spec.Username, csr.Spec.SignerName));
            Assert.Contains(csr.Status.Conditions, c => c.Type == "Approved" && c.Status == "True");
            Assert.Contains("O=system:nodes", Subject(csr.Status.Certificate), StringComparison.Ordinal);
            var ready = (await cluster.Client.CoreV1.ReadNodeAsync(node.Name)).Status.Conditions.Single(c => c.Type == "Ready");
            Assert.Equal("True", ready.Status);
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(node.DataDir, "kubelet.kubeconfig")));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"join to Ready, {node.Name}: {cluster.JoinToReady[node.Name].TotalSeconds:0.00} s"));
        }
    }

    [NetnsClusterFact]
    public async Task A_joined_nodes_dns_publishes_its_slice_with_the_node_identity_and_the_control_plane_owns_the_kube_dns_service()
    {
        var service = await cluster.Client.CoreV1.ReadNamespacedServiceAsync("kube-dns", "kube-system");
        Assert.Equal("10.96.0.10", service.Spec.ClusterIP);
        foreach (var node in cluster.Nodes)
        {
            await cluster.WaitAsync(async () => (await cluster.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("kube-system", fieldSelector: "metadata.name=kube-dns-" + node.Name)).Items
                .Any(s => s.Endpoints.Any(e => e.Addresses.Contains(node.Address))), $"{node.Name}'s kube-dns slice at {node.Address}", seconds: 20);
        }

        using var kubectl = cluster.Kubectl();
        var canCreate = await kubectl.RunAsync("auth", "can-i", "create", "services", "-n", "kube-system", "--as", "system:node:" + cluster.NodeA.Name, "--as-group", "system:nodes");
        var canWatch = await kubectl.RunAsync("auth", "can-i", "watch", "endpointslices.discovery.k8s.io", "--all-namespaces", "--as", "system:node:" + cluster.NodeA.Name, "--as-group", "system:nodes");
        Assert.Equal(("no", "yes"), (canCreate.Stdout.Trim(), canWatch.Stdout.Trim()));
    }

    [NetnsClusterFact]
    public async Task A_pod_on_a_joined_node_is_reachable_from_the_lan_and_from_a_pod_on_the_other_node_through_a_cluster_ip_service_and_dns()
    {
        var ns = await cluster.NamespaceAsync("joined");
        var webTask = cluster.RunPodAsync(ns, "web", cluster.NodeB, "sh", "-c", Httpd);
        var clientTask = cluster.RunPodAsync(ns, "client", cluster.NodeA, "sleep", "3600");
        var service = await cluster.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }] },
        }, ns);
        var (web, _) = (await webTask, await clientTask);

        // The LAN reaches pods as a router of a host-gw network does: through a route to the node's podCIDR.
        var podCidr = (await cluster.Client.CoreV1.ReadNodeAsync(cluster.NodeB.Name)).Spec.PodCIDR;
        await cluster.Topology.Lan.IpAsync(["route", "replace", podCidr, "via", cluster.NodeB.Address]);
        try
        {
            var fromLan = await cluster.LanAsync(Orchestrator.Kubelet.Images.Local.LocalImages.BusyboxBinary, "timeout", "5", "wget", "-qO-", $"http://{web.Status.PodIP}:8080/index.html");
            Assert.True(fromLan.ExitCode == 0, $"wget from the lan to {web.Status.PodIP}: {fromLan}{cluster.Diagnostics()}");
            Assert.Equal("hello from web\n", fromLan.StandardOutput);
        }
        finally
        {
            await cluster.Topology.Lan.IpAsync(["route", "del", podCidr]);
        }

        foreach (var url in new[] { $"http://{service.Spec.ClusterIP}/index.html", $"http://web.{ns}.svc.cluster.local/index.html" })
        {
            KubectlResult last = null!;
            await cluster.WaitAsync(async () => (last = await cluster.ExecAsync(ns, "client", "timeout", "5", "wget", "-qO-", url)).Stdout == "hello from web\n",
                $"client on {cluster.NodeA.Name} to reach {url}", () => last?.ToString() ?? string.Empty, seconds: 30);
        }
    }

    [NetnsClusterFact]
    public async Task Kubectl_logs_and_exec_reach_a_pod_on_a_joined_node_through_the_api_server_over_tls()
    {
        var ns = await cluster.NamespaceAsync("streams");
        await cluster.RunPodAsync(ns, "talker", cluster.NodeB, "sh", "-c", "echo joined-node-log-line && exec sleep 3600");

        var logs = string.Empty;
        await cluster.WaitAsync(async () => (logs = await cluster.LogsAsync(ns, "talker")).Contains("joined-node-log-line", StringComparison.Ordinal), "the pod's log line", seconds: 10);
        var exec = await cluster.ExecAsync(ns, "talker", "cat", "/etc/hostname");

        Assert.True(exec.ExitCode == 0, $"kubectl exec on {cluster.NodeB.Name}: {exec}{cluster.Diagnostics()}");
        Assert.Equal("talker", exec.Stdout.Trim());
        Assert.StartsWith("https://", (await File.ReadAllTextAsync(cluster.Server.Kubeconfig)).Split("server: ")[1], StringComparison.Ordinal);
    }

    [NetnsClusterFact]
    public async Task A_wrong_token_is_refused_with_a_clear_message_and_registers_nothing()
    {
        var (token, caHash) = await cluster.CredentialsAsync();
        var before = (await cluster.Client.CertificatesV1.ListCertificateSigningRequestAsync()).Items.Count;

        var wrongSecret = cluster.FailedJoinAsync(cluster.Topology.Lan, "intruder-secret", token[..7] + "0000000000000000", caHash);
        var unknownId = cluster.FailedJoinAsync(cluster.Topology.Lan, "intruder-id", "zzzzzz.0123456789abcdef", caHash, "--discovery-timeout", "3s");
        var (secret, id) = (await wrongSecret, await unknownId);

        Assert.True(secret.ExitCode == 1, secret.ToString());
        Assert.Contains($"failed to verify the cluster-info signature with token \"{token[..6]}.…\": the token is wrong", secret.StandardError, StringComparison.Ordinal);
        Assert.True(id.ExitCode == 1, id.ToString());
        Assert.Contains("token id \"zzzzzz\" not found in cluster-info: the token is wrong or expired", id.StandardError, StringComparison.Ordinal);
        var nodes = (await cluster.Client.CoreV1.ListNodeAsync()).Items.Select(n => n.Metadata.Name);
        Assert.DoesNotContain(nodes, n => n.StartsWith("intruder", StringComparison.Ordinal));
        Assert.Equal(before, (await cluster.Client.CertificatesV1.ListCertificateSigningRequestAsync()).Items.Count);
    }

    [NetnsClusterFact]
    public async Task A_wrong_ca_hash_is_refused_because_the_ca_hash_does_not_match()
    {
        var (token, _) = await cluster.CredentialsAsync();
        using var other = CertificateAuthority.Create("not-this-cluster");

        var result = await cluster.FailedJoinAsync(cluster.Topology.Lan, "intruder-ca", token, CaCertHash.Of(other.Certificate));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("CA hash does not match", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain((await cluster.Client.CoreV1.ListNodeAsync()).Items, n => n.Metadata.Name == "intruder-ca");
    }

    private static string Subject(byte[] pem)
    {
        using var certificate = X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(pem));
        return certificate.Subject;
    }
}
