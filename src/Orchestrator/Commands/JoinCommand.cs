using Orchestrator.Client.Connection;
using System.Security.Cryptography.X509Certificates;
using k8s;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiMachinery.Bootstrap;
using Orchestrator.ApiMachinery.Certificates;
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
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output, CancellationToken stop = default)
    {
        var server = arguments.Option("server") ?? throw new UsageException("--server https://HOST:6443 is required");
        var tokenText = arguments.Option("token") ?? throw new UsageException("--token is required");
        var caHash = arguments.Option("discovery-token-ca-cert-hash") ?? throw new UsageException("--discovery-token-ca-cert-hash sha256:HEX is required");
        if (!BootstrapToken.TryParse(tokenText, out var token))
        {
            throw new UsageException($"--token \"{tokenText}\" is not a bootstrap token [a-z0-9]{{6}}.[a-z0-9]{{16}}");
        }

        if (!caHash.StartsWith(CaCertHash.Prefix, StringComparison.Ordinal) || caHash.Length != CaCertHash.Prefix.Length + 64)
        {
            throw new UsageException($"--discovery-token-ca-cert-hash must be sha256: and 64 hex digits, not \"{caHash}\"");
        }

        if (!Uri.TryCreate(server.Contains("://", StringComparison.Ordinal) ? server : "https://" + server, UriKind.Absolute, out var serverUri) || serverUri.Scheme != "https")
        {
            throw new UsageException($"--server must be an https URL, not \"{server}\"");
        }

        var dataDirectory = Path.GetFullPath(arguments.Option("data-dir") ?? ".orchestrator");
        var nodeName = arguments.Option("node-name") ?? RealNode.HostName();
        var runtime = arguments.Option("runtime") ?? "containerd";
        var timeout = Durations.Option(arguments, "timeout") ?? TimeSpan.FromMinutes(5);
        var discoveryTimeout = Durations.Option(arguments, "discovery-timeout") ?? TimeSpan.FromMinutes(5);
        if (runtime is not ("containerd" or "hollow"))
        {
            throw new UsageException($"--runtime must be \"containerd\" or \"hollow\", not \"{runtime}\"");
        }

        // The node's own options are parsed (and checked) before anything is sent to the cluster.
        var run = runtime == "hollow" ? Hollow(arguments, nodeName) : Real(arguments, nodeName, dataDirectory);
        var tracing = TracingArguments.From(arguments);
        arguments.EnsureConsumed();
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

    private static Func<ClientCertificateRotation, X509Certificate2, ILoggerFactory, TextWriter, CancellationToken, Task> Hollow(Arguments arguments, string nodeName)
    {
        var template = KubeletCommand.NodeTemplate(arguments);
        var node = template with { Name = nodeName, InternalIp = arguments.Option("node-ip") ?? "10.199.0.1" };
        var options = new KubeletOptions { NodeLeaseDurationSeconds = ClientArguments.Number(arguments, "node-lease-duration-seconds", 40, min: 1) };
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
    private static Func<ClientCertificateRotation, X509Certificate2, ILoggerFactory, TextWriter, CancellationToken, Task> Real(Arguments arguments, string nodeName, string dataDirectory)
    {
        var node = RealNode.Options(arguments, nodeName, Path.Combine(dataDirectory, "kubelet"), "port");
        var services = NodeServices.Parse(arguments, windowsNode: node.Windows is not null);
        var options = node with
        {
            Kubelet = services.Apply(new KubeletOptions { NodeLeaseDurationSeconds = ClientArguments.Number(arguments, "node-lease-duration-seconds", 40, min: 1) }),
        };
        options = RealNode.WithStandaloneTls(options, arguments, null);
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
