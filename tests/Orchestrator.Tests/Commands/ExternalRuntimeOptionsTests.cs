using Orchestrator.Host.Commands;
using Orchestrator.Kubelet.Node.Windows;
using Orchestrator.Orchestrator.Tests.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>
/// `--container-runtime-endpoint` (an existing CRI runtime) and `--os windows` on a Windows host: the options a real
/// node is composed from, and the node services a Windows node runs (HNS proxy, no node DNS).
/// </summary>
public sealed class ExternalRuntimeOptionsTests
{
    private static readonly WindowsVersion Server2022 = new(new WindowsBuild(10, 0, 20348), 2340, "Windows Server 2022 Datacenter");

    [Fact]
    public void An_endpoint_makes_the_node_use_that_runtime_under_the_given_cgroup_root()
    {
        var parsed = ParsedCommandLine.Parse("kubelet", "--container-runtime-endpoint", "unix:///run/containerd/containerd.sock", "--cgroup-root", "/kubepods");

        var options = RealNode.Options(parsed, "n", "/tmp/root", "port");

        Assert.Equal(("unix:///run/containerd/containerd.sock", true, "/kubepods", null), (options.RuntimeEndpoint, options.ExternalRuntime, options.CgroupRoot, options.Windows));
    }

    [Fact]
    public void Without_an_endpoint_the_node_has_its_private_containerd()
    {
        var options = RealNode.Options(ParsedCommandLine.Parse("kubelet"), "n", "/tmp/root", "port");

        Assert.Equal((null, false, "/tmp/root/containerd"), (options.RuntimeEndpoint, options.ExternalRuntime, options.StateDir));
    }

    [Theory]
    [InlineData(new[] { "--container-runtime-endpoint", "tcp://10.0.0.1:1234" }, "--container-runtime-endpoint: CRI endpoint 'tcp://10.0.0.1:1234' is not supported: use unix:///path/to.sock or npipe://./pipe/<name>. (Parameter 'endpoint')")]
    [InlineData(new[] { "--container-runtime-endpoint", "unix://run/c.sock" }, "--container-runtime-endpoint: CRI endpoint 'unix://run/c.sock': a unix socket path must be absolute (unix:///path/to.sock). (Parameter 'endpoint')")]
    [InlineData(new[] { "--container-runtime-endpoint", "unix:///run/c.sock", "--containerd-state-dir", "/tmp/s" }, "--containerd-state-dir is the private containerd's; with --container-runtime-endpoint the node uses that runtime as it is")]
    public void Bad_endpoints_and_conflicts_are_usage_errors(string[] args, string message)
    {
        Assert.Equal(message, ParsedCommandLine.UsageError(parsed => RealNode.Options(parsed, "n", "/tmp/root", "port"), ["kubelet", .. args]));
    }

    [Fact]
    public void A_windows_host_defaults_to_containerds_named_pipe_and_its_registry_version()
    {
        var options = RealNode.Options(ParsedCommandLine.Parse("kubelet", "--os", "windows"), "n", "/tmp/root", "port", new FixedVersion(Server2022));

        Assert.Equal("npipe://./pipe/containerd-containerd", options.RuntimeEndpoint);
        Assert.Same(Server2022, options.Windows);
    }

    [Fact]
    public void A_windows_host_takes_another_pipe_and_refuses_a_hollow_build()
    {
        var options = RealNode.Options(ParsedCommandLine.Parse("kubelet", "--os", "windows", "--container-runtime-endpoint", "npipe:////./pipe/other"), "n", "/tmp/root", "port", new FixedVersion(Server2022));
        var error = Assert.Throws<UsageException>(() => RealNode.Options(ParsedCommandLine.Parse("kubelet", "--os", "windows", "--windows-build", "10.0.17763"), "n", "/tmp/root", "port", new FixedVersion(Server2022)));

        Assert.Equal("npipe:////./pipe/other", options.RuntimeEndpoint);
        Assert.Equal("--windows-build is for hollow nodes: a real Windows node reads its build from the registry", error.Message);
    }

    [Fact]
    public void A_linux_host_keeps_its_linux_node_when_no_os_is_given()
    {
        var options = RealNode.Options(ParsedCommandLine.Parse("kubelet"), "n", "/tmp/root", "port", new FixedVersion(Server2022));

        Assert.Null(options.Windows);
    }

    [Fact]
    public void A_windows_node_runs_the_hns_proxy_with_its_flags_and_no_dns()
    {
        var parsed = ParsedCommandLine.Parse("kubelet", "--network-name", "cbr0", "--source-vip", "10.244.1.2", "--enable-dsr");

        var services = NodeServices.Parse(parsed, windowsNode: true);

        Assert.Equal(("hns", false), (services.ProxyMode, services.Dns));
        Assert.Equal(("cbr0", "10.244.1.2", true), (services.Hns?.NetworkName, services.Hns?.SourceVip, services.Hns?.EnableDsr));
    }

    [Fact]
    public void A_windows_node_may_run_no_proxy()
    {
        var services = NodeServices.Parse(ParsedCommandLine.Parse("kubelet", "--proxy-mode", "none"), windowsNode: true);

        Assert.Equal(("none", null), (services.ProxyMode, services.Hns));
    }

    [Fact]
    public void A_linux_node_keeps_nftables_and_its_dns()
    {
        var services = NodeServices.Parse(ParsedCommandLine.Parse("kubelet"));

        Assert.Equal(("nftables", true, null), (services.ProxyMode, services.Dns, services.Hns));
        Assert.Equal(["10.96.0.10"], services.ClusterDns);
        Assert.Equal(("cluster.local", 53), (services.ClusterDomain, services.DnsPort));
    }

    [Theory]
    [InlineData(false, new[] { "--proxy-mode", "hns", "--network-name", "cbr0" }, "--proxy-mode hns programs Windows HNS: it needs a Windows node (--os windows on a Windows host)")]
    [InlineData(true, new[] { "--proxy-mode", "nftables" }, "--proxy-mode nftables: a Windows node's proxy mode is hns or none")]
    [InlineData(true, new[] { "--network-name", "cbr0", "--node-dns", "true" }, "--node-dns true: a Windows node runs no cluster DNS server (its pods use the kube-dns service on the Linux nodes)")]
    public void Services_a_node_cannot_run_are_usage_errors(bool windowsNode, string[] args, string message)
    {
        Assert.Equal(message, ParsedCommandLine.UsageError(parsed => NodeServices.Parse(parsed, windowsNode), ["kubelet", .. args]));
    }

    private sealed class FixedVersion(WindowsVersion version) : IWindowsVersionSource
    {
        public WindowsVersion Read() => version;
    }
}
