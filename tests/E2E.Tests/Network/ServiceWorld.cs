using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>
/// The objects every <see cref="ServiceTests"/> test talks to, created once per cluster: a namespace with two
/// single-replica busybox httpd Deployments (<c>web-a</c> pinned to node A, <c>web-b</c> to node B, both
/// <c>app=web</c>, each answering its pod name), a Deployment <c>scaled</c> of 2 replicas for the scaling test, the
/// Services in front of them and a client pod on node A.
/// </summary>
internal sealed class ServiceWorld
{
    public const string Web = "web";
    public const string Headless = "web-headless";
    public const string Affinity = "web-affinity";
    public const string Balancer = "web-lb";
    public const string LocalOnly = "web-local";
    public const string Empty = "empty";
    public const string Scaled = "scaled";
    public const string Client = "client";

    private const string Httpd = "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www";

    private ServiceWorld(string ns, IReadOnlyDictionary<string, V1Pod> backends, IReadOnlyDictionary<string, V1Service> services)
    {
        Namespace = ns;
        Backends = backends;
        Services = services;
    }

    public string Namespace { get; }

    /// <summary>The web pods by node name.</summary>
    public IReadOnlyDictionary<string, V1Pod> Backends { get; }

    /// <summary>The Services by name, as created (ClusterIP and node ports allocated).</summary>
    public IReadOnlyDictionary<string, V1Service> Services { get; }

    public IReadOnlySet<string> BackendNames => Backends.Values.Select(p => p.Metadata.Name).ToHashSet();

    public static async Task<ServiceWorld> CreateAsync(NetnsCluster cluster)
    {
        var ns = await cluster.NamespaceAsync("svc");
        var client = cluster.RunPodAsync(ns, Client, cluster.NodeA, "sleep", "3600");
        await cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web-a", 1, cluster.NodeA.Name, Web), ns);
        await cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web-b", 1, cluster.NodeB.Name, Web), ns);
        await cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(Scaled, 2, null, Scaled), ns);

        var services = new Dictionary<string, V1Service>();
        foreach (var service in new[]
        {
            Service(Web, new() { ["app"] = Web }, 80),
            Service(Headless, new() { ["app"] = Web }, 8080),
            Service(Affinity, new() { ["app"] = Web }, 80),
            Service(Balancer, new() { ["app"] = Web }, 80),
            Service(LocalOnly, new() { ["instance"] = "web-a" }, 80),
            Service(Empty, new() { ["app"] = "nothing" }, 80),
            Service(Scaled, new() { ["app"] = Scaled }, 80),
        })
        {
            switch (service.Metadata.Name)
            {
                case Headless:
                    service.Spec.ClusterIP = "None";
                    break;
                case Affinity:
                    service.Spec.SessionAffinity = "ClientIP";
                    break;
                case Balancer:
                    service.Spec.Type = "LoadBalancer";
                    break;
                case LocalOnly:
                    service.Spec.Type = "NodePort";
                    service.Spec.ExternalTrafficPolicy = "Local";
                    break;
                default:
                    break;
            }

            services[service.Metadata.Name] = await cluster.Client.CoreV1.CreateNamespacedServiceAsync(service, ns);
        }

        var backends = new Dictionary<string, V1Pod>();
        await cluster.WaitAsync(async () =>
        {
            var pods = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=" + Web)).Items;
            backends = pods.Where(p => p.Status?.Phase == "Running" && !string.IsNullOrEmpty(p.Status.PodIP) && p.Metadata.DeletionTimestamp is null)
                .GroupBy(p => p.Spec.NodeName).ToDictionary(g => g.Key, g => g.First());
            return backends.Count == 2 && await ReadyEndpointsAsync(cluster, ns, Web) == 2;
        }, $"one running web pod on each node and 2 ready endpoints of Service {ns}/{Web}", seconds: 90);
        await client;
        return new ServiceWorld(ns, backends, services);
    }

    /// <summary>How many ready endpoints the EndpointSlices of Service <paramref name="service"/> hold.</summary>
    public static async Task<int> ReadyEndpointsAsync(NetnsCluster cluster, string ns, string service)
    {
        var slices = await cluster.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, labelSelector: "kubernetes.io/service-name=" + service);
        return slices.Items.Sum(s => s.Endpoints?.Count(e => e.Conditions?.Ready != false) ?? 0);
    }

    private static V1Deployment Deployment(string name, int replicas, string? nodeName, string app)
    {
        var labels = new Dictionary<string, string> { ["app"] = app, ["instance"] = name };
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        NodeName = nodeName,
                        TerminationGracePeriodSeconds = 1,
                        Containers = [new V1Container { Name = "httpd", Image = NetnsCluster.Image, ImagePullPolicy = "IfNotPresent", Command = ["sh", "-c", Httpd] }],
                    },
                },
            },
        };
    }

    private static V1Service Service(string name, Dictionary<string, string> selector, int port) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec
        {
            Selector = selector,
            Ports = [new V1ServicePort { Name = "http", Port = port, TargetPort = 8080, Protocol = "TCP" }],
        },
    };
}
