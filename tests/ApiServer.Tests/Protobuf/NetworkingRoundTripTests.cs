using Orchestrator.ApiServer.Protobuf.Messages.Core;
using Orchestrator.ApiServer.Protobuf.Messages.Meta;
using Orchestrator.ApiServer.Protobuf.Messages.Networking;

namespace Orchestrator.ApiServer.Tests.Protobuf;

/// <summary>networking.k8s.io/v1 Ingress protobuf bodies (as `kubectl create ingress` sends them) decode to upstream's JSON.</summary>
public sealed class NetworkingRoundTripTests
{
    [Fact]
    public void An_ingress_with_a_rule_tls_and_a_resource_default_backend_decodes_as_upstreams_json()
    {
        var ingress = new Ingress
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new IngressSpec
            {
                IngressClassName = "nginx",
                DefaultBackend = new IngressBackend { Resource = new TypedLocalObjectReference { ApiGroup = "k8s.example.com", Kind = "Bucket", Name = "static" } },
                Tls = { new IngressTLS { Hosts = { "web.example.com" }, SecretName = "web-tls" } },
                Rules =
                {
                    new IngressRule
                    {
                        Host = "web.example.com",
                        IngressRuleValue = new IngressRuleValue
                        {
                            Http = new HTTPIngressRuleValue
                            {
                                Paths = { new HTTPIngressPath { Path = "/", PathType = "Exact", Backend = new IngressBackend { Service = new IngressServiceBackend { Name = "svc", Port = new ServiceBackendPort { Number = 80 } } } } },
                            },
                        },
                    },
                },
            },
            Status = new IngressStatus { LoadBalancer = new IngressLoadBalancerStatus() },
        };

        ProtobufAssert.Decodes("networking.k8s.io/v1", "Ingress", ingress,
            """{"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"web"},"spec":{"ingressClassName":"nginx","defaultBackend":{"resource":{"apiGroup":"k8s.example.com","kind":"Bucket","name":"static"}},"tls":[{"hosts":["web.example.com"],"secretName":"web-tls"}],"rules":[{"host":"web.example.com","http":{"paths":[{"path":"/","pathType":"Exact","backend":{"service":{"name":"svc","port":{"number":80}}}}]}}]},"status":{"loadBalancer":{}}}""");
    }
}
