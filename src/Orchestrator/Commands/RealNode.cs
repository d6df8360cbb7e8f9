using System.Security.Cryptography;
using Orchestrator.Host.Pki;
using Orchestrator.Kubelet.Network;
using Orchestrator.Kubelet.Node.Windows;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Kubelet.Server;

namespace Orchestrator.Host.Commands;

/// <summary>
/// The options of a real (containerd) node, shared by `kubelet --runtime containerd`, `join` and `up`: a private
/// containerd, or an existing CRI runtime (<c>--container-runtime-endpoint</c>); <c>--os windows</c> on a Windows host
/// is the latter on containerd's named pipe, with the host's Windows version.
/// </summary>
internal static class RealNode
{
    /// <summary>The default CRI endpoint of a Windows node: containerd's named pipe (upstream's Windows default).</summary>
    public const string WindowsRuntimeEndpoint = "npipe://./pipe/containerd-containerd";

    /// <summary>--container-runtime-endpoint, checked as the command line is parsed.</summary>
    public static Option<string> RuntimeEndpointOption() =>
        OptionSpec.Parsed("container-runtime-endpoint", "unix:///S.sock|npipe://./pipe/P", "an existing CRI runtime (no containerd started)", text =>
            ContainerdNodeOptions.EndpointError(text) is { } error ? throw new UsageException($"--container-runtime-endpoint: {error}") : text);

    /// <summary>A node's --cluster-cidr: the IPv4 range its pod network masquerades.</summary>
    public static Option<string> ClusterCidrOption(string description) =>
        OptionSpec.Parsed("cluster-cidr", "CIDR", description, CheckedClusterCidr);

    public static ContainerdNodeOptions Options(ParseResult parsed, string defaultName, string defaultRoot, string portOption)
    {
        IWindowsVersionSource? windowsHost = null;
        if (OperatingSystem.IsWindows())
        {
            windowsHost = new RegistryWindowsVersion();
        }

        return Options(parsed, defaultName, defaultRoot, portOption, windowsHost);
    }

    /// <param name="windowsHost">The host's version when it is a Windows host; null on any other.</param>
    internal static ContainerdNodeOptions Options(ParseResult parsed, string defaultName, string defaultRoot, string portOption, IWindowsVersionSource? windowsHost)
    {
        var template = KubeletCommand.NodeTemplate(parsed);
        var windows = template.OperatingSystem == "windows";
        if (windows && windowsHost is null)
        {
            // The OS of a real node is the host's: a Linux host cannot join as a Windows node (docs/windows-nodes.md).
            throw new UsageException($"--os windows joins a Windows host, and this host runs {(OperatingSystem.IsLinux() ? "linux" : "another OS")}; a hollow Windows node: --runtime hollow --os windows --windows-build 10.0.20348");
        }

        if (windows && template.WindowsBuild is not null)
        {
            throw new UsageException("--windows-build is for hollow nodes: a real Windows node reads its build from the registry");
        }

        var endpoint = parsed.Value<string>("container-runtime-endpoint") ?? (windows ? WindowsRuntimeEndpoint : null);
        var stateDir = parsed.Value<string>("containerd-state-dir");
        if (endpoint is not null && stateDir is not null)
        {
            throw new UsageException("--containerd-state-dir is the private containerd's; with --container-runtime-endpoint the node uses that runtime as it is");
        }

        // Up's --cluster-cidr is the controller manager's option (declared first); WithClusterCidr checks it.
        var clusterCidr = parsed.Value<string>("cluster-cidr") ?? "10.244.0.0/16";
        var podNetwork = PodNetworkModes.Parse(parsed.Value<string>("pod-network") ?? PodNetworkModes.HostGwName)!.Value;
        return new ContainerdNodeOptions(parsed.Value<string>("node-name") ?? defaultName, Path.GetFullPath(parsed.Value<string>("root-dir") ?? defaultRoot))
        {
            ContainerdStateDir = stateDir is null ? null : Path.GetFullPath(stateDir),
            RuntimeEndpoint = endpoint,
            CgroupRoot = parsed.Value<string>("cgroup-root"),
            Windows = windows ? windowsHost!.Read() : null,
            NodeIp = parsed.Value<string>("node-ip"),
            Port = parsed.Value<int?>(portOption) ?? 10250,
            MaxPods = template.MaxPods,
            Stats = parsed.Boolean("stats") ?? true,
            Labels = template.Labels,
            Taints = template.Taints,
            ClusterCidr = clusterCidr,
            PodNetwork = podNetwork,
        };
    }

    /// <summary>
    /// <c>up</c> reads --cluster-cidr for its controller manager before the node options, so it hands the same value
    /// to its node here: the node masquerades exactly the range its podCIDRs are cut from.
    /// </summary>
    public static ContainerdNodeOptions WithClusterCidr(ContainerdNodeOptions options, string clusterCidr) =>
        options with { ClusterCidr = CheckedClusterCidr(clusterCidr) };

    private static string CheckedClusterCidr(string clusterCidr) =>
        Ipv4Cidr.TryParse(clusterCidr, out _) ? clusterCidr : throw new UsageException($"--cluster-cidr must be an IPv4 CIDR (a.b.c.d/n), not \"{clusterCidr}\"");

    /// <summary>
    /// The names a node's kubelet serving certificate carries: the node and host names, localhost, loopback, the
    /// node IP and every address of the interfaces the kubelet sees (its network namespace's).
    /// </summary>
    public static SubjectAlternativeNames KubeletNames(ContainerdNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var nodeIp = options.NodeIp is { } text && IPAddress.TryParse(text, out var parsed) ? parsed : null;
        return new SubjectAlternativeNames(
            [.. new[] { options.NodeName, HostName(), "localhost" }.Distinct(StringComparer.OrdinalIgnoreCase)],
            [.. new[] { IPAddress.Loopback, nodeIp }.OfType<IPAddress>().Concat(ApiServerNames.InterfaceAddresses()).Distinct()]);
    }

    internal const string WebhookMode = "Webhook";
    internal const string AlwaysAllowMode = "AlwaysAllow";

    /// <summary>The kubelet server's certificate directory (upstream --cert-dir, ROOT/pki).</summary>
    public static string CertificateDirectory(ContainerdNodeOptions options) => Path.Combine(options.RootDir, "pki");

    /// <summary>
    /// A standalone kubelet's TLS: <c>--tls-cert-file</c>/<c>--tls-private-key-file</c> when given, else a self-signed
    /// certificate in ROOT/pki (upstream's behaviour); the API server's client certificate must chain to
    /// <c>--client-ca-file</c>, by default to the CA of the kubelet's kubeconfig (the cluster CA signs both).
    /// <c>--authorization-mode Webhook</c> (the default with a client CA, as kubeadm configures it) authorizes each client
    /// with a SubjectAccessReview on nodes/NODE/stats|metrics|log|proxy; <c>AlwaysAllow</c> serves every authenticated client.
    /// </summary>
    public static ContainerdNodeOptions WithStandaloneTls(ContainerdNodeOptions options, ParseResult parsed, X509Certificate2Collection? kubeconfigAuthorities)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificateFile = parsed.Value<string>("tls-cert-file");
        var keyFile = parsed.Value<string>("tls-private-key-file");
        var clientCaFile = parsed.Value<string>("client-ca-file");
        var authorizationMode = parsed.Value<string>("authorization-mode");

        if ((certificateFile is null) != (keyFile is null))
        {
            throw new UsageException("--tls-cert-file and --tls-private-key-file go together");
        }

        try
        {
            var serving = certificateFile is null
                ? KubeletServingCertificate.LoadOrCreateSelfSigned(CertificateDirectory(options), options.NodeName, KubeletNames(options))
                : PemFiles.ReadCertificateAndKey(certificateFile, keyFile!) ?? throw new UsageException($"--tls-cert-file {certificateFile} or --tls-private-key-file {keyFile} does not exist");
            var clientCa = clientCaFile is null
                ? kubeconfigAuthorities?.FirstOrDefault()
                : File.Exists(clientCaFile)
                    ? Pem.Certificates(File.ReadAllText(clientCaFile)).FirstOrDefault() ?? throw new UsageException($"--client-ca-file {clientCaFile} holds no certificate")
                    : throw new UsageException($"--client-ca-file {clientCaFile} does not exist");
            // Webhook unless told otherwise whenever clients have certificates: kubeadm's configuration; a kubelet API
            // open to every cluster client otherwise.
            // Null: no client CA known yet (join adds the cluster's).
            bool? webhook = authorizationMode switch { null => clientCa is null ? null : true, WebhookMode => true, _ => false };
            return options with { ServingCertificate = serving, ClientCertificateAuthority = clientCa, WebhookAuthorization = webhook };
        }
        catch (CryptographicException e)
        {
            throw new UsageException($"the kubelet's TLS files cannot be read: {e.Message}");
        }
    }

    /// <summary>The host name as a node name (lower case, as upstream's kubelet registers it).</summary>
    public static string HostName() => System.Net.Dns.GetHostName().ToLowerInvariant();

    public static async Task<ContainerdNode> StartAsync(ContainerdNodeOptions options, ILoggerFactory loggers, TextWriter output, CancellationToken ct)
    {
        // An existing runtime brings its own binaries, images and privileges.
        if (!options.ExternalRuntime && ContainerdNode.Unavailable() is { } reason)
        {
            throw new UsageException($"a real node cannot run here: {reason}");
        }

        var node = await ContainerdNode.StartAsync(options, loggers, ct);
        await output.WriteLineAsync($"orchestrator kubelet: node {options.NodeName} on {node.RuntimeVersion} ({node.Endpoint}), kubelet port {node.ServerPort}");
        return node;
    }
}
