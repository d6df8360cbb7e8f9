using System.Globalization;
using k8s;
using k8s.Models;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>
/// A pod talks to the API server as in-cluster config does (issue 13 §4): the name <c>kubernetes.default.svc</c>
/// through the cluster DNS, 10.96.0.1:443 through the node's proxy, TLS verified against the projected
/// <c>ca.crt</c> (name checked), the projected token as bearer. The client is OpenSSL's <c>s_client</c>, copied from the
/// host with its libraries into a hostPath directory: busybox's built-in TLS offers no signature_algorithms extension,
/// so a TLS 1.2 server must sign with SHA-1, which OpenSSL 3 (behind .NET here) refuses at its default security level.
/// </summary>
[Collection(NftablesCollection.Name)]
public sealed class InClusterClientTests(NftablesCluster cluster) : IDisposable
{
    private const string Secrets = "/var/run/secrets/kubernetes.io/serviceaccount";
    private const string Tools = "/tools";
    private readonly string _tools = OpensslTools();

    public void Dispose() => Directory.Delete(_tools, recursive: true);

    [NetnsClusterFact]
    public async Task A_pod_lists_pods_with_its_projected_token_over_verified_tls_to_kubernetes_default_svc_and_is_refused_secrets()
    {
        var ns = await cluster.NamespaceAsync("incluster");
        await cluster.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "default-view" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "view" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "default", NamespaceProperty = ns }],
        }, ns);
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "client" },
            Spec = new V1PodSpec
            {
                NodeName = cluster.NodeB.Name,
                TerminationGracePeriodSeconds = 1,
                Containers =
                [
                    new V1Container
                    {
                        Name = "main", Image = NetnsCluster.Image, ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"],
                        VolumeMounts = [new V1VolumeMount { Name = "tools", MountPath = Tools, ReadOnlyProperty = true }],
                    },
                ],
                Volumes = [new V1Volume { Name = "tools", HostPath = new V1HostPathVolumeSource { Path = _tools, Type = "Directory" } }],
            },
        }, ns);
        await cluster.WaitAsync(async () => (await cluster.Client.CoreV1.ReadNamespacedPodAsync("client", ns)).Status?.Phase == "Running", "the client pod running");

        KubectlResult pods = null!;
        // The view role is filled by the aggregation controller and the DNS and proxy follow within a sync: poll.
        await cluster.WaitAsync(async () =>
        {
            pods = await RequestAsync(ns, $"/api/v1/namespaces/{ns}/pods");
            return pods.Stdout.StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        }, "an in-cluster list of pods", () => pods?.ToString() ?? "", seconds: 60);
        Assert.Contains("\"kind\":\"PodList\"", pods.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"client\"", pods.Stdout, StringComparison.Ordinal);

        var secrets = await RequestAsync(ns, $"/api/v1/namespaces/{ns}/secrets");
        Assert.StartsWith("HTTP/1.1 403", secrets.Stdout, StringComparison.Ordinal);
        var body = secrets.Stdout[secrets.Stdout.IndexOf('{', StringComparison.Ordinal)..(secrets.Stdout.LastIndexOf('}') + 1)];
        using var status = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal($"secrets is forbidden: User \"system:serviceaccount:{ns}:default\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{ns}\"", status.RootElement.GetProperty("message").GetString());
    }

    /// <summary>One HTTPS GET from the pod, as in-cluster config makes it; stdout is the raw response.</summary>
    private Task<KubectlResult> RequestAsync(string ns, string path)
    {
        var script = string.Create(CultureInfo.InvariantCulture, $$"""
            set -e
            token=$(cat {{Secrets}}/token)
            printf 'GET {{path}} HTTP/1.1\r\nHost: kubernetes.default.svc\r\nAuthorization: Bearer %s\r\nAccept: application/json\r\nConnection: close\r\n\r\n' "$token" |
              OPENSSL_CONF=/dev/null {{Tools}}/ld.so --library-path {{Tools}} {{Tools}}/openssl s_client -quiet \
                -connect kubernetes.default.svc:443 -servername kubernetes.default.svc \
                -verify_hostname kubernetes.default.svc -CAfile {{Secrets}}/ca.crt -verify_return_error 2>/tmp/s_client.err ||
              { cat /tmp/s_client.err >&2; exit 1; }
            """);
        return cluster.ExecAsync(ns, "client", "sh", "-c", script);
    }

    /// <summary>The host's openssl, its libraries and dynamic loader in a fresh directory (the pod's hostPath).</summary>
    private static string OpensslTools()
    {
        var directory = Directory.CreateTempSubdirectory("orc-openssl-tools-").FullName;
        foreach (var (source, name) in new[]
        {
            ("/usr/bin/openssl", "openssl"),
            ("/lib/x86_64-linux-gnu/libssl.so.3", "libssl.so.3"),
            ("/lib/x86_64-linux-gnu/libcrypto.so.3", "libcrypto.so.3"),
            ("/lib/x86_64-linux-gnu/libc.so.6", "libc.so.6"),
            ("/lib64/ld-linux-x86-64.so.2", "ld.so"),
        })
        {
            File.Copy(source, Path.Combine(directory, name));
        }

        return directory;
    }
}
