using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Host.Pki;
using Orchestrator.Store;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator apiserver`: the API server alone (upstream's kube-apiserver), so that several can serve one
/// store behind a load balancer. `apiserver init` is kubeadm's `init phase certs` + `phase kubeconfig` for
/// them: it creates the shared PKI under the data directory and the components' kubeconfigs, then exits;
/// every server started on that directory then loads the same CA, serving certificate and service-account key.
/// </summary>
internal static class ApiServerCommand
{
    /// <summary>The components a control plane of separate processes runs, whose kubeconfigs `init` writes.</summary>
    private static readonly ComponentIdentity[] Components =
        [ComponentIdentity.Scheduler, ComponentIdentity.ControllerManager, ComponentIdentity.HollowKubelets, ComponentIdentity.Proxy, ComponentIdentity.Dns];

    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        if (arguments.TakeVerb() is { } verb)
        {
            return verb == "init" ? await InitAsync(arguments, output) : throw new UsageException($"unknown apiserver verb \"{verb}\"");
        }

        var dataDirectory = Path.GetFullPath(arguments.Option("data-dir") ?? ".orchestrator");
        var storeUrl = arguments.Option("store") ?? throw new UsageException("apiserver needs --store URL (several API servers share one etcd)");
        var port = ClientArguments.Number(arguments, "port", 6443, min: 1);
        var bindAddress = Address(arguments, "bind-address") ?? IPAddress.Any;
        var advertiseAddress = Address(arguments, "advertise-address");
        var extraNames = ExtraNames(arguments);
        var security = UpSecurity.Parse(arguments);
        arguments.EnsureConsumed();
        if (port > 65535)
        {
            throw new UsageException($"--port must be a TCP port number, not {port.ToString(CultureInfo.InvariantCulture)}");
        }

        // No scan of the interfaces here (unlike `up`): the names are the flags' alone, so that every server
        // sharing the PKI asks for the same certificate and none reissues it under the others.
        using var pki = ClusterPki.LoadOrCreate(dataDirectory, ServingNames(RealNode.HostName(), bindAddress, advertiseAddress, extraNames));
        await using var store = StoreFactory.Open(storeUrl);
        var options = new ApiServerOptions { Port = port, BindAddress = bindAddress, AdvertiseAddress = advertiseAddress, Security = security.For(pki) };
        await using var server = await ApiServerHost.StartAsync(store, options, logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        await output.WriteLineAsync($"orchestrator apiserver: {server.Address} on {storeUrl}; pki {pki.Directory}");
        await output.FlushAsync();
        await server.WaitForShutdownAsync();
        return 0;
    }

    private static async Task<int> InitAsync(Arguments arguments, TextWriter output)
    {
        var dataDirectory = Path.GetFullPath(arguments.Option("data-dir") ?? ".orchestrator");
        var endpoint = Url(arguments, "control-plane-endpoint") ?? throw new UsageException("apiserver init needs --control-plane-endpoint https://HOST:PORT (the components' server)");
        var adminServer = Url(arguments, "admin-server") ?? endpoint;
        var adminCopy = arguments.Option("admin-kubeconfig");
        var nodeName = arguments.Option("node-name");
        var extraNames = ExtraNames(arguments);
        arguments.EnsureConsumed();
        Directory.CreateDirectory(dataDirectory);
        using var pki = ClusterPki.LoadOrCreate(dataDirectory, ServingNames(string.Empty, IPAddress.Any, null, [.. extraNames, endpoint.Host]));
        foreach (var component in Components)
        {
            pki.WriteKubeconfig(endpoint, component);
        }

        // kubeadm's kubelet.conf: a real node's own identity (the Node authorizer limits it to that node).
        if (nodeName is not null)
        {
            pki.WriteKubeconfig(endpoint, ComponentIdentity.Kubelet(nodeName));
        }

        var admin = pki.WriteKubeconfig(adminServer, ComponentIdentity.Admin);
        if (adminCopy is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(adminCopy))!);
            File.Copy(admin, adminCopy, overwrite: true);
        }

        await output.WriteLineAsync($"orchestrator apiserver init: pki {pki.Directory}; components' kubeconfigs for {endpoint} in {Path.Combine(dataDirectory, "kubeconfigs")}; admin kubeconfig for {adminServer}: {adminCopy ?? admin}");
        return 0;
    }

    /// <summary>kubeadm's apiserver.crt names (<see cref="ApiServerNames.Compute"/> without interfaces) and the extra SANs.</summary>
    internal static SubjectAlternativeNames ServingNames(string hostName, IPAddress bindAddress, IPAddress? advertiseAddress, IReadOnlyList<string> extra)
    {
        var names = ApiServerNames.Compute(hostName, bindAddress, advertiseAddress, []);
        var addresses = extra.Select(e => IPAddress.TryParse(e, out var a) ? a : null).OfType<IPAddress>();
        var dnsNames = extra.Where(e => !IPAddress.TryParse(e, out _));
        return new SubjectAlternativeNames(
            [.. names.DnsNames.Concat(dnsNames).Distinct(StringComparer.OrdinalIgnoreCase)],
            [.. names.Addresses.Concat(addresses).Distinct()]);
    }

    /// <summary>kubeadm's --apiserver-cert-extra-sans: DNS names and IP addresses, comma-separated.</summary>
    private static string[] ExtraNames(Arguments arguments) =>
        (arguments.Option("apiserver-cert-extra-sans") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IPAddress? Address(Arguments arguments, string name) =>
        arguments.Option(name) is not { } text ? null
        : IPAddress.TryParse(text, out var address) ? address
        : throw new UsageException($"--{name} must be an IP address, not \"{text}\"");

    private static Uri? Url(Arguments arguments, string name) =>
        arguments.Option(name) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps ? url
        : throw new UsageException($"--{name} must be an https:// URL, not \"{text}\"");
}
