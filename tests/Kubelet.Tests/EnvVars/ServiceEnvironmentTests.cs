using k8s.Models;
using Orchestrator.Kubelet.EnvVars;

namespace Orchestrator.Kubelet.Tests.EnvVars;

public sealed class ServiceEnvironmentTests
{
    private static readonly V1Service[] Services =
    [
        Service("default", "kubernetes", "10.96.0.1", Port(null, 443)),
        Service("app", "my-db", "10.96.0.20", Port(null, 5432), Port("metrics-http", 9187, "TCP"), Port("dns", 53, "UDP")),
        Service("app", "headless", "None", Port(null, 80)),
        Service("app", "no-ip", null, Port(null, 80)),
        Service("app", "v6", "fd00::10", Port("web", 8080)),
        Service("other", "elsewhere", "10.96.0.30", Port(null, 80)),
    ];

    [Fact]
    public void Services_of_the_pod_namespace_and_the_master_service_become_upstream_variables()
    {
        var env = ServiceEnvironment.For(Pod("app", null), Services);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1",
                ["KUBERNETES_SERVICE_PORT"] = "443",
                ["KUBERNETES_PORT"] = "tcp://10.96.0.1:443",
                ["KUBERNETES_PORT_443_TCP"] = "tcp://10.96.0.1:443",
                ["KUBERNETES_PORT_443_TCP_PROTO"] = "tcp",
                ["KUBERNETES_PORT_443_TCP_PORT"] = "443",
                ["KUBERNETES_PORT_443_TCP_ADDR"] = "10.96.0.1",
                ["MY_DB_SERVICE_HOST"] = "10.96.0.20",
                ["MY_DB_SERVICE_PORT"] = "5432",
                ["MY_DB_SERVICE_PORT_METRICS_HTTP"] = "9187",
                ["MY_DB_SERVICE_PORT_DNS"] = "53",
                ["MY_DB_PORT"] = "tcp://10.96.0.20:5432",
                ["MY_DB_PORT_5432_TCP"] = "tcp://10.96.0.20:5432",
                ["MY_DB_PORT_5432_TCP_PROTO"] = "tcp",
                ["MY_DB_PORT_5432_TCP_PORT"] = "5432",
                ["MY_DB_PORT_5432_TCP_ADDR"] = "10.96.0.20",
                ["MY_DB_PORT_9187_TCP"] = "tcp://10.96.0.20:9187",
                ["MY_DB_PORT_9187_TCP_PROTO"] = "tcp",
                ["MY_DB_PORT_9187_TCP_PORT"] = "9187",
                ["MY_DB_PORT_9187_TCP_ADDR"] = "10.96.0.20",
                ["MY_DB_PORT_53_UDP"] = "udp://10.96.0.20:53",
                ["MY_DB_PORT_53_UDP_PROTO"] = "udp",
                ["MY_DB_PORT_53_UDP_PORT"] = "53",
                ["MY_DB_PORT_53_UDP_ADDR"] = "10.96.0.20",
                ["V6_SERVICE_HOST"] = "fd00::10",
                ["V6_SERVICE_PORT"] = "8080",
                ["V6_SERVICE_PORT_WEB"] = "8080",
                ["V6_PORT"] = "tcp://[fd00::10]:8080",
                ["V6_PORT_8080_TCP"] = "tcp://[fd00::10]:8080",
                ["V6_PORT_8080_TCP_PROTO"] = "tcp",
                ["V6_PORT_8080_TCP_PORT"] = "8080",
                ["V6_PORT_8080_TCP_ADDR"] = "fd00::10",
            },
            env.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Theory]
    [InlineData("app", false, "KUBERNETES_PORT,KUBERNETES_PORT_443_TCP,KUBERNETES_PORT_443_TCP_ADDR,KUBERNETES_PORT_443_TCP_PORT,KUBERNETES_PORT_443_TCP_PROTO,KUBERNETES_SERVICE_HOST,KUBERNETES_SERVICE_PORT")]
    [InlineData("default", false, "KUBERNETES_PORT,KUBERNETES_PORT_443_TCP,KUBERNETES_PORT_443_TCP_ADDR,KUBERNETES_PORT_443_TCP_PORT,KUBERNETES_PORT_443_TCP_PROTO,KUBERNETES_SERVICE_HOST,KUBERNETES_SERVICE_PORT")]
    [InlineData("other", true, "ELSEWHERE_PORT,ELSEWHERE_PORT_80_TCP,ELSEWHERE_PORT_80_TCP_ADDR,ELSEWHERE_PORT_80_TCP_PORT,ELSEWHERE_PORT_80_TCP_PROTO,ELSEWHERE_SERVICE_HOST,ELSEWHERE_SERVICE_PORT,KUBERNETES_PORT,KUBERNETES_PORT_443_TCP,KUBERNETES_PORT_443_TCP_ADDR,KUBERNETES_PORT_443_TCP_PORT,KUBERNETES_PORT_443_TCP_PROTO,KUBERNETES_SERVICE_HOST,KUBERNETES_SERVICE_PORT")]
    public void Service_links_choose_the_namespace_services_and_the_master_service_is_always_there(string ns, bool links, string names) =>
        Assert.Equal(names, string.Join(',', ServiceEnvironment.For(Pod(ns, links), Services).Keys.Order(StringComparer.Ordinal)));

    private static V1Pod Pod(string ns, bool? links) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = ns },
        Spec = new V1PodSpec { EnableServiceLinks = links, Containers = [] },
    };

    private static V1Service Service(string ns, string name, string? ip, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec { ClusterIP = ip, Ports = ports },
    };

    private static V1ServicePort Port(string? name, int port, string? protocol = null) => new() { Name = name, Port = port, Protocol = protocol };
}
