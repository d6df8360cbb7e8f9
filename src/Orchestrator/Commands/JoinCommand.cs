using Orchestrator.Client;
using Orchestrator.Kubelet;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator join`: kubeadm's node join. Discovery with the token (<see cref="ClusterInfoDiscovery"/>),
/// TLS bootstrap with the token as bearer (<see cref="NodeCertificateRequest"/>), then the kubelet with
/// its own certificate from <c>&lt;data-dir&gt;/kubelet.kubeconfig</c>, renewed before it expires
/// (<see cref="ClientCertificateRotation"/>): hollow, or a real node with its proxy and DNS as
/// `kubelet --runtime containerd` runs them, on the node's identity.
/// </summary>
internal static class JoinCommand
{
    public const string KubeconfigName = "kubelet.kubeconfig";

    /// <param name="stop">Stops the node (besides Ctrl-C and SIGTERM): tests run `join` in-process.</param>
    public static async Task<int> RunAsync(ParseResult parsed, TextWriter output, CancellationToken stop = default)
    {
        var serverUri = parsed.Value<Uri>("server") ?? throw new UsageException("--server https://HOST:6443 is required");
        var token = parsed.Value<BootstrapToken>("token") ?? throw new UsageException("--token is required");
        var caHash = parsed.Value<string>("discovery-token-ca-cert-hash") ?? throw new UsageException("--discovery-token-ca-cert-hash sha256:HEX is required");
        var dataDirectory = Path.GetFullPath(parsed.Value<string>("data-dir") ?? ".orchestrator");
        var nodeName = parsed.Value<string>("node-name") ?? RealNode.HostName();
        var timeout = parsed.Value<TimeSpan?>("timeout") ?? TimeSpan.FromMinutes(5);
        var discoveryTimeout = parsed.Value<TimeSpan?>("discovery-timeout") ?? TimeSpan.FromMinutes(5);

        // The node's own options are parsed (and checked) before anything is sent to the cluster.
        var run = parsed.Value<string>("runtime") == "hollow" ? Hollow(parsed, nodeName) : Real(parsed, nodeName, dataDirectory);
        var tracing = TracingArguments.From(parsed);
        using var tracer = Client.Tracing.TracingSetup.Start(tracing, "kubelet");
        using var shutdown = stop.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(stop) : ClientArguments.ShutdownToken();
        try
        {
            var (apiServer, ca) = await ClusterInfoDiscovery.DiscoverAsync(serverUri, token, caHash, discoveryTimeout, TimeProvider.System, shutdown.Token);
            await output.WriteLineAsync($"orchestrator join: cluster-info verified with token {token.Id}; CA pinned ({CaCertHash.Of(ca)}); API server {apiServer}");
            using var bootstrap = KubernetesClients.Create(new KubernetesClientConfiguration { Host = apiServer.ToString(), SslCaCerts = [ca], AccessToken = token.ToString() });
            var (certificate, key) = await NodeCertificateRequest.RequestAsync(bootstrap, nodeName, timeout, shutdown.Token);
            var kubeconfig = Path.Combine(dataDirectory, KubeconfigName);
            using (key)
            {
                KubeletKubeconfig.Write(kubeconfig, apiServer, ca, certificate, key, "system:node:" + nodeName);
            }

            await output.WriteLineAsync($"orchestrator join: certificate for system:node:{nodeName} issued; kubeconfig {kubeconfig}");
            var rotation = new ClientCertificateRotation(kubeconfig, apiServer, ca, nodeName, output, TimeProvider.System);
            using var loggers = ClientArguments.Loggers(LogLevel.Information);
            await run(rotation, ca, loggers, output, shutdown.Token);
            return 0;
        }
        catch (JoinException e)
        {
            throw new ArgumentException("join: " + e.Message, e);
        }
    }

    /// <summary>--server: an https URL (https:// is assumed without a scheme).</summary>
    public static Uri ParseServer(string text) =>
        Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text, UriKind.Absolute, out var server) && server.Scheme == "https"
            ? server
            : throw new UsageException($"--server must be an https URL, not \"{text}\"");

    /// <summary>--token: a bootstrap token ID.SECRET.</summary>
    public static BootstrapToken ParseToken(string text) =>
        BootstrapToken.TryParse(text, out var token)
            ? token
            : throw new UsageException($"--token \"{text}\" is not a bootstrap token [a-z0-9]{{6}}.[a-z0-9]{{16}}");

    /// <summary>--discovery-token-ca-cert-hash: sha256: and 64 hex digits.</summary>
    public static string ParseCaHash(string text) =>
        text.StartsWith(CaCertHash.Prefix, StringComparison.Ordinal) && text.Length == CaCertHash.Prefix.Length + 64
            ? text
            : throw new UsageException($"--discovery-token-ca-cert-hash must be sha256: and 64 hex digits, not \"{text}\"");

    private static Func<ClientCertificateRotation, X509Certificate2, ILoggerFactory, TextWriter, CancellationToken, Task> Hollow(ParseResult parsed, string nodeName)
    {
        KubeletCommand.RefuseRealNodeOptions(parsed, "node-name", "node-ip");
        var template = KubeletCommand.NodeTemplate(parsed);
        var node = template with { Name = nodeName, InternalIp = parsed.Value<string>("node-ip") ?? "10.199.0.1" };
        var options = KubeletCommand.LeaseOptions(parsed);
        return async (rotation, _, loggers, output, ct) =>
        {
            await output.WriteLineAsync($"orchestrator join: hollow node {nodeName}");
            await rotation.RunAsync((client, c) => ComponentHost.RunAsync("kubelet", client, loggers, context => [KubeletCommand.Hollow(context, [node], options)], null, c), ct);
        };
    }

    /// <summary>
    /// A real node: containerd (private, or the existing runtime at --container-runtime-endpoint; on a Windows host with
    /// --os windows containerd's named pipe, the HNS proxy and no node DNS), the kubelet serving TLS (a self-signed certificate in ROOT/pki unless
    /// --tls-cert-file/--tls-private-key-file, as upstream's kubelet without serverTLSBootstrap) and accepting only
    /// clients whose certificate chains to the cluster CA (the API server's kubelet client; upstream's
    /// --client-ca-file), and its proxy and DNS as the node's own identity (NodeCompanionPolicy grants system:nodes
    /// what they read).
    /// </summary>
    private static Func<ClientCertificateRotation, X509Certificate2, ILoggerFactory, TextWriter, CancellationToken, Task> Real(ParseResult parsed, string nodeName, string dataDirectory)
    {
        var node = RealNode.Options(parsed, nodeName, Path.Combine(dataDirectory, "kubelet"), "port");
        var services = NodeServices.Parse(parsed, windowsNode: node.Windows is not null);
        var options = node with { Kubelet = services.Apply(KubeletCommand.LeaseOptions(parsed)) };
        options = RealNode.WithStandaloneTls(options, parsed, null);
        return async (rotation, ca, loggers, output, ct) =>
        {
            // containerd runs on across certificate renewals; the kubelet, proxy and DNS restart with the new client.
            await using var running = await RealNode.StartAsync(
                options with { ClientCertificateAuthority = options.ClientCertificateAuthority ?? ca, WebhookAuthorization = options.WebhookAuthorization ?? true },
                loggers,
                output,
                ct);
            await rotation.RunAsync((client, c) => Task.WhenAll(
                ComponentHost.RunAsync("kubelet", client, loggers, context => [running.CreateKubelet(context)], null, c),
                services.RunAsync(client, client, running, loggers, c)), ct);
        };
    }
}
