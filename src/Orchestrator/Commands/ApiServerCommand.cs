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

    public static async Task<int> RunAsync(ParseResult parsed, TextWriter output)
    {
        if (parsed.CommandResult.Command.Name == "init")
        {
            return await InitAsync(parsed, output);
        }

        var dataDirectory = Path.GetFullPath(parsed.Value<string>("data-dir") ?? ".orchestrator");
        var storeUrl = parsed.Value<string>("store") ?? throw new UsageException("apiserver needs --store URL (several API servers share one etcd)");
        var port = parsed.Value<int?>("port") ?? 6443;
        var bindAddress = parsed.Value<IPAddress>("bind-address") ?? IPAddress.Any;
        var advertiseAddress = parsed.Value<IPAddress>("advertise-address");
        var extraNames = ExtraNames(parsed);
        var security = UpSecurity.Parse(parsed);

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

    private static async Task<int> InitAsync(ParseResult parsed, TextWriter output)
    {
        var dataDirectory = Path.GetFullPath(parsed.Value<string>("data-dir") ?? ".orchestrator");
        var endpoint = parsed.Value<Uri>("control-plane-endpoint") ?? throw new UsageException("apiserver init needs --control-plane-endpoint https://HOST:PORT (the components' server)");
        var adminServer = parsed.Value<Uri>("admin-server") ?? endpoint;
        var adminCopy = parsed.Value<string>("admin-kubeconfig");
        var nodeName = parsed.Value<string>("node-name");
        if (nodeName is not null && ApiServer.Objects.NameValidation.Dns1123Subdomain(nodeName) is [var problem, ..])
        {
            throw new UsageException($"--node-name {nodeName}: {problem}");
        }

        var extraNames = ExtraNames(parsed);
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
    private static string[] ExtraNames(ParseResult parsed) =>
        (parsed.Value<string>("apiserver-cert-extra-sans") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
