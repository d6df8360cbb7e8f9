using k8s;
using k8s.Models;
using Orchestrator.Host.Commands;
using Orchestrator.Host.Commands.Definition;
using Orchestrator.Orchestrator.Tests.Commands.Definition;
using Orchestrator.Testing;

namespace Orchestrator.Orchestrator.Tests.Commands;

public sealed class ProxyCommandTests
{
    [Fact]
    public async Task Dry_run_prints_the_nftables_ruleset_of_the_cluster_and_exits()
    {
        await using var server = await InProcessApiServer.StartAsync();
        var service = await server.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }], Selector = new Dictionary<string, string> { ["app"] = "web" } },
        }, "default");
        await server.Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "web-1", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "web" } },
            AddressType = "IPv4",
            Endpoints = [new V1Endpoint { Addresses = ["10.244.1.5"], NodeName = "node-a" }],
            Ports = [new Discoveryv1EndpointPort { Name = "", Port = 8080, Protocol = "TCP" }],
        }, "default");
        var kubeconfig = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(kubeconfig, $"""
                apiVersion: v1
                kind: Config
                clusters: [{"{"} name: c, cluster: {"{"} server: "{server.Address}" {"}"} {"}"}]
                users: [{"{"} name: u, user: {"{"} token: test {"}"} {"}"}]
                contexts: [{"{"} name: x, context: {"{"} cluster: c, user: u {"}"} {"}"}]
                current-context: x
                """);
            var output = new StringWriter();
            var error = new StringWriter();

            var exit = await CommandRouter.RunAsync(["proxy", "--kubeconfig", kubeconfig, "--node-name", "node-a", "--dry-run"], output, error);

            Assert.True(exit == 0, error.ToString());
            var rules = output.ToString();
            Assert.Contains("add table ip kube-proxy", rules, StringComparison.Ordinal);
            Assert.Contains($"add element ip kube-proxy service-ips {{ {service.Spec.ClusterIP} . tcp . 80 : goto service-", rules, StringComparison.Ordinal);
            Assert.Contains("-default/web/tcp/__10.244.1.5/8080 meta l4proto tcp dnat to 10.244.1.5:8080", rules, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task An_unknown_mode_is_an_error_naming_the_supported_ones()
    {
        var error = new StringWriter();
        var exit = await CommandRouter.RunAsync(["proxy", "--node-name", "n", "--mode", "ipvs", "--dry-run"], new StringWriter(), error);
        Assert.Equal(2, exit);
        Assert.Contains("--mode must be nftables", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("not \"ipvs\"", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dry_run_and_cleanup_are_flags_without_a_value()
    {
        var parsed = ParsedCommandLine.Parse("proxy", "--dry-run", "--node-name", "n", "--cleanup");
        Assert.True(parsed.Value<bool>("dry-run"));
        Assert.Equal("n", parsed.Value<string>("node-name"));
        Assert.True(parsed.Value<bool>("cleanup"));
    }
}
