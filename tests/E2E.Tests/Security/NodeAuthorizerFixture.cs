using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Security;

/// <summary>
/// `up --authorization-mode Node,RBAC` with no kubelet (API only): the administrator registers nodes
/// node-a and node-b and binds one pod to each (pod-a: service account sa-a, secret secret-a; pod-b:
/// sa-b, secret-b); each node's identity is a client certificate of system:node:&lt;name&gt; in system:nodes.
/// </summary>
public sealed class NodeAuthorizerFixture : IAsyncLifetime
{
    private const string Objects = """
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: Node, metadata: {name: node-a, labels: {kubernetes.io/hostname: node-a}}}
        - {apiVersion: v1, kind: Node, metadata: {name: node-b, labels: {kubernetes.io/hostname: node-b}}}
        - {apiVersion: v1, kind: ServiceAccount, metadata: {name: sa-a}}
        - {apiVersion: v1, kind: ServiceAccount, metadata: {name: sa-b}}
        - {apiVersion: v1, kind: Secret, metadata: {name: secret-a}, stringData: {key: a}}
        - {apiVersion: v1, kind: Secret, metadata: {name: secret-b}, stringData: {key: b}}
        - apiVersion: v1
          kind: Pod
          metadata: {name: pod-a}
          spec:
            nodeName: node-a
            serviceAccountName: sa-a
            containers: [{name: c, image: busybox, volumeMounts: [{name: s, mountPath: /s}]}]
            volumes: [{name: s, secret: {secretName: secret-a}}]
        - apiVersion: v1
          kind: Pod
          metadata: {name: pod-b}
          spec:
            nodeName: node-b
            serviceAccountName: sa-b
            containers: [{name: c, image: busybox, envFrom: [{secretRef: {name: secret-b}}]}]
        """;

    public OrchestratorProcess Server { get; private set; } = null!;

    public Kubectl Admin { get; private set; } = null!;

    /// <summary>kubectl as system:node:node-a.</summary>
    public Kubectl NodeA { get; private set; } = null!;

    /// <summary>An HTTP client as system:node:node-a, for requests kubectl cannot make alone (a PATCH without its GET first).</summary>
    public HttpClient NodeAHttp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await OrchestratorProcess.StartAsync(null, null, [.. SqliteServerFixture.ApiOnly, "--authorization-mode", "Node,RBAC"]);
        await SqliteServerFixture.CreateDefaultServiceAccountAsync(Server);
        Admin = new Kubectl("1.33", Server.Kubeconfig);
        var created = await Admin.RunWithInputAsync(Objects, "apply", "-f", "-");
        Assert.True(created.ExitCode == 0, created.ToString());
        var kubeconfig = Server.WriteKubeconfig(Path.Combine(Server.DataDirectory, "node-a.kubeconfig"), null, "system:node:node-a", "system:nodes");
        NodeA = new Kubectl("1.33", kubeconfig);
        NodeAHttp = HttpClientFor(kubeconfig);
    }

    /// <summary>The uid of a pod in default.</summary>
    public async Task<string> PodUidAsync(string name)
    {
        var result = await Admin.RunAsync("get", "pod", name, "-o", "jsonpath={.metadata.uid}");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    public async Task DisposeAsync()
    {
        NodeAHttp?.Dispose();
        NodeA?.Dispose();
        Admin?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    private HttpClient HttpClientFor(string kubeconfig)
    {
        var certificate = ApiServer.Hosting.Kubeconfig.ReadClientCertificate(kubeconfig) ?? throw new InvalidOperationException($"{kubeconfig} has no client certificate");
        var authority = X509CertificateLoader.LoadCertificateFromFile(Server.CaFile);
        var tls = new SslClientAuthenticationOptions
        {
            TargetHost = Server.Address.Host,
            ClientCertificates = [certificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
            RemoteCertificateValidationCallback = (_, served, _, _) =>
            {
                if (served is null)
                {
                    return false;
                }

                using var presented = X509CertificateLoader.LoadCertificate(served.GetRawCertData());
                return CertificateChains.IssuedBy(presented, authority, DateTimeOffset.UtcNow);
            },
        };
        return new HttpClient(new SocketsHttpHandler { UseProxy = false, SslOptions = tls }) { BaseAddress = Server.Address };
    }
}
